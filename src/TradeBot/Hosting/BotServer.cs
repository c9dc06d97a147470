using TradeBot.Bot;
using TradeBot.Core;
using TradeBot.WebChat;

namespace TradeBot.Hosting;

/// <summary>The bot server: the corpus pipeline behind the Bot Framework endpoint, on http://localhost:3978 unless configured.</summary>
internal static class BotServer
{
    public const string DefaultUrl = "http://localhost:3978";

    /// <param name="configureServices">Last changes to the services before the host is built (tests replace the clock).</param>
    public static WebApplication Build(string[] args, string? corpus = null, string? data = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = TradeBotHost.CreateWebBuilder(args).AddTradeNews(corpus, data);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddTradeNewsBot();
        builder.AddWebChat();
        builder.Services.AddCorpusSync();
        builder.Services.AddHostedService<FeedPollingService>();
        builder.Services.AddHealthChecks().AddCheck<CorpusReadinessCheck>("corpus", tags: [HealthTags.Ready]);

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapWebChat();
        app.MapBotEndpoints();
        return app;
    }
}
