using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TradeBot.Core.Articles;

namespace TradeBot.Core.Ingestion.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>
    /// Registers feed subscriptions (<c>Feeds</c>) and fetching (<c>Fetch</c>): the settings, validated at start with the
    /// setting to fix named; the HTTP client (no automatic redirects: each one is checked); the poller and scheduler.
    /// Needs <see cref="CorpusServiceCollectionExtensions.AddTradeNewsCorpus"/>.
    /// </summary>
    public static IServiceCollection AddTradeNewsFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FeedSubscriptions>()
            .Configure(o => configuration.GetSection(FeedSubscriptions.SectionName).Bind(o.Feeds))
            .Validate(o => o.Feeds.All(f => Uri.TryCreate(f.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)),
                "Feeds:N:Url must be an absolute http or https address.")
            .Validate(o => o.Feeds.All(f => f.PollInterval >= FeedSubscriptions.MinPollInterval),
                $"Feeds:N:PollInterval must be at least {FeedSubscriptions.MinPollInterval} (hh:mm:ss).")
            .ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero, "Fetch:Timeout must be positive.")
            .Validate(o => o.MaxFeedBytes >= 1 && o.MaxPageBytes >= 1, "Fetch:MaxFeedBytes and Fetch:MaxPageBytes must be at least 1.")
            .Validate(o => o.MaxRedirects >= 0, "Fetch:MaxRedirects must not be negative.")
            .Validate(o => o.HostInterval >= TimeSpan.Zero && o.MaxBackoff > TimeSpan.Zero, "Fetch:HostInterval must not be negative and Fetch:MaxBackoff must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.UserAgent), "Fetch:UserAgent must not be empty.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebFetcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
            });
        services.AddSingleton(sp => new HostRateLimiter(sp.GetRequiredService<IOptions<FetchOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WebFetcher(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(WebFetcher.HttpClientName),
            sp.GetRequiredService<IOptions<FetchOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<HostRateLimiter>()));
        services.AddSingleton(sp => new RobotsPolicy(sp.GetRequiredService<WebFetcher>(), sp.GetRequiredService<IOptions<FetchOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FeedPoller(
            sp.GetRequiredService<WebFetcher>(),
            sp.GetRequiredService<RobotsPolicy>(),
            sp.GetRequiredService<CorpusIngestion>(),
            sp.GetRequiredService<IngestionStatusStore>(),
            sp.GetRequiredService<IOptions<FetchOptions>>(),
            sp.GetRequiredService<IOptions<CorpusReaderOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<FeedScheduler>();
        services.AddSingleton<CorpusStatusReader>();
        return services;
    }
}
