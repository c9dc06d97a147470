using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion;

/// <summary>When the watched corpus folder is synced: on the fake clock, after a quiet debounce, at the latest after the maximum delay, and at every rescan.</summary>
public sealed class CorpusWatcherTests : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Rescan = TimeSpan.FromMinutes(5);

    private readonly TempFolder _temp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly CorpusHost _host;

    public CorpusWatcherTests()
    {
        Directory.CreateDirectory(_temp.Combine("corpus"));
        _host = new CorpusHost(_temp.Path, configure: (services, _) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
    }

    private CorpusWatcher Watcher => _host.Services.GetRequiredService<CorpusWatcher>();

    private CorpusIngestion Ingestion => _host.Services.GetRequiredService<CorpusIngestion>();

    private string WriteArticle(string name, string text) =>
        _temp.WriteText("corpus/" + name, ArticleFileBuilder.Article().WithTitle(name).WithParagraph(text).Build());

    [Fact]
    public async Task Burst_OfAThousandFiles_IsOneSync()
    {
        await Ingestion.SyncCorpusAsync();
        var watcher = Watcher;
        for (var i = 0; i < 1000; i++)
        {
            WriteArticle($"burst/{i:D4}.txt", $"Ruritania set quota number {i} for imported bicycles on Monday.");
            watcher.Notify();
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        Assert.False(watcher.IsDue());

        _clock.Advance(Debounce);
        var report = await watcher.SyncIfDueAsync();

        Assert.Equal(1000, report!.Added);
        Assert.Equal(2, Ingestion.SyncCount); // the first sync and this one
        Assert.Null(await watcher.SyncIfDueAsync());
    }

    [Fact]
    public async Task Changes_ThatNeverSettle_AreSyncedAfterTheMaximumDelay()
    {
        var watcher = Watcher;
        for (var elapsed = TimeSpan.Zero; elapsed < CorpusWatcher.MaxDelay; elapsed += TimeSpan.FromSeconds(1))
        {
            watcher.Notify();
            Assert.False(watcher.IsDue());
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        watcher.Notify();

        Assert.True(watcher.IsDue());
        Assert.NotNull(await watcher.SyncIfDueAsync());
    }

    [Fact]
    public async Task NoNotification_RescanFindsTheFile()
    {
        var watcher = Watcher;
        WriteArticle("quiet.txt", "Freedonia cut its cheese import quota by 40 percent on Tuesday.");
        _clock.Advance(Rescan - TimeSpan.FromSeconds(1));
        Assert.Null(await watcher.SyncIfDueAsync());

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, (await watcher.SyncIfDueAsync())!.Added);
    }

    [Fact]
    public async Task WatchOff_NothingIsEverDue()
    {
        using var host = new CorpusHost(_temp.Combine("off"), new Dictionary<string, string?> { ["Corpus:Watch"] = "false" },
            configure: (services, _) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
        var watcher = host.Services.GetRequiredService<CorpusWatcher>();
        Assert.False(host.Services.GetRequiredService<IOptions<CorpusOptions>>().Value.Watch);
        watcher.Notify();
        _clock.Advance(Rescan);

        Assert.Null(await watcher.SyncIfDueAsync());
    }

    [Fact]
    public async Task DroppedFile_IsAnswered_ByNotificationOrElseByTheRescan()
    {
        var watcher = Watcher;
        watcher.Start();
        await Ingestion.SyncCorpusAsync();
        Assert.False((await _host.AskAsync("By how much did Freedonia cut its cheese import quota?")).Answered);

        WriteArticle("dropped.txt", "Freedonia cut its cheese import quota by 40 percent on Tuesday.");
        // The notification normally arrives at once, and then the clock need only pass the longest a change waits (the
        // debounce would do, but a late second notification of the same write restarts it); when the notification is
        // lost, the rescan that the clock brings finds the file.
        var noticed = await WaitUntilAsync(() => watcher.HasPendingChange, TimeSpan.FromSeconds(20));
        _clock.Advance(noticed ? CorpusWatcher.MaxDelay : Rescan);
        var report = await watcher.SyncIfDueAsync();

        Assert.Equal(1, report!.Added);
        Assert.Contains("40 percent", (await _host.AskAsync("By how much did Freedonia cut its cheese import quota?")).Text, StringComparison.Ordinal);
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, limit.Token);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }
        return true;
    }

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }
}
