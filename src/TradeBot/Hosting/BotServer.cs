using TradeBot.Bot;
using TradeBot.Cli;
using TradeBot.Core;
using TradeBot.Core.Ingestion.Feeds;
using TradeBot.Core.Stores;
using TradeBot.Suggestions;
using TradeBot.WebChat;

namespace TradeBot.Hosting;

/// <summary>The bot server: the corpus pipeline behind the Bot Framework endpoint, on http://localhost:3978 unless configured.</summary>
internal static class BotServer
{
    public const string DefaultUrl = "http://localhost:3978";

    /// <param name="configureServices">Last changes to the services before the host is built (tests replace the clock).</param>
    public static WebApplication Build(string[] args, string? corpus = null, string? data = null, Action<IServiceCollection>? configureServices = null)
    {
        // appsettings.json (which keeps ASP.NET Core's request logs at Warning) is read from the application's folder,
        // wherever the process was started from; `dotnet run --project src/TradeBot` starts it in the caller's folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (corpus is not null)
        {
            builder.Configuration["Corpus:Path"] = corpus;
        }
        if (data is not null)
        {
            builder.Configuration["Corpus:DataPath"] = data;
        }
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddTradeNewsCorpus(builder.Configuration, RepositoryRoot.Find());
        builder.Services.AddPassageStore(builder.Configuration);
        builder.Services.AddTradeNewsFeeds(builder.Configuration);
        builder.Services.AddTradeNewsModels(builder.Configuration);
        builder.AddTradeNewsBot();
        builder.Services.AddCorpusQuestions();
        builder.AddWebChat();
        builder.Services.AddHostedService<CorpusSyncService>();
        builder.Services.AddHostedService<FeedPollingService>();
        builder.Services.AddHealthChecks().AddCheck<CorpusReadinessCheck>("corpus", tags: [HealthTags.Ready]);

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapWebChat();
        app.MapBotEndpoints();
        return app;
    }
}
