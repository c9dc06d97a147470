using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.DirectLine;
using TradeBot.Core.Answers;

namespace TradeBot.WebChat;

/// <summary>The chat page: Bot Framework Web Chat on <c>/</c>, talking to the self-hosted (or Azure) Direct Line.</summary>
internal static class WebChatExtensions
{
    public const string InfoPath = "/api/webchat/info";

    /// <summary>Adds Direct Line (the bot is TradeBot unless <c>DirectLine:BotName</c> says otherwise) and the page settings.</summary>
    public static IHostApplicationBuilder AddWebChat(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Defaults first; the DirectLine section bound by AddDirectLine overrides them.
        services.Configure<DirectLineOptions>(options =>
        {
            options.BotId = "tradebot";
            options.BotName = "TradeBot";
        });
        services.AddDirectLine();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>());
        return builder;
    }

    /// <summary>Maps <c>/</c> (the page and its files), <see cref="InfoPath"/> and the Direct Line routes, with their middleware.</summary>
    public static WebApplication MapWebChat(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebChatSecurityHeaders();
        app.UseDirectLine();
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapGet(InfoPath, async (ICorpusOverview corpus, CancellationToken cancellationToken) =>
        {
            var summary = await corpus.GetSummaryAsync(cancellationToken);
            return TypedResults.Ok(new WebChatInfo(summary.ArticleCount, summary.Earliest, summary.Latest));
        });
        app.MapDirectLine();
        return app;
    }
}
