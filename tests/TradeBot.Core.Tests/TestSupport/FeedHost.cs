using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Ingestion.Feeds;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>
/// The corpus pipeline with feeds (<c>AddTradeNewsFeeds</c>) on a test folder, its clock a <see cref="FakeTimeProvider"/>:
/// backoffs, timeouts and poll times move only when the test advances it. Requests to one host are not spaced apart
/// unless the settings say so.
/// </summary>
internal sealed class FeedHost : IDisposable
{
    private readonly CorpusHost _host;

    public FeedHost(string root, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Fetch:HostInterval"] = "00:00:00" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        _host = new CorpusHost(root, all, configure: (services, configuration) =>
        {
            services.AddLogging();
            services.AddTradeNewsFeeds(configuration);
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public CorpusHost Corpus => _host;

    public FeedPoller Poller => _host.Services.GetRequiredService<FeedPoller>();

    public FeedScheduler Scheduler => _host.Services.GetRequiredService<FeedScheduler>();

    public IngestionStatusStore Status => _host.Services.GetRequiredService<IngestionStatusStore>();

    public Task<FeedPollResult> PollAsync(string url, TimeSpan? interval = null) =>
        Poller.PollAsync(new FeedSubscription { Url = url, PollInterval = interval ?? TimeSpan.FromMinutes(15) });

    public void Dispose() => _host.Dispose();
}
