using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;
using TradeBot.Hosting;
using TradeBot.Tests.Bot;

namespace TradeBot.Tests.Hosting;

/// <summary>
/// The whole server as <c>BotServer</c> builds it, asked through <c>/api/messages</c>: a file copied into the corpus
/// folder and a new item on a loopback feed are answered without a restart. The server's clock is a
/// <see cref="ManualTimeProvider"/> (rescans and polls are due only when the test moves it); waits are for conditions.
/// </summary>
public sealed class FreshNewsServerTests : IAsyncLifetime, IDisposable
{
    private const string CheeseQuestion = "By how much did Freedonia cut its cheese import quota?";
    private const string BicycleQuestion = "What tariff did Ruritania impose on bicycles?";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private readonly ManualTimeProvider _clock = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"tradebot-fresh-{Guid.NewGuid():N}");
    private FeedServer _feeds = null!;
    private WebApplication? _app;
    private HttpClient _client = null!;

    private string Corpus => Path.Combine(_folder, "corpus");

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _feeds.Serve("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain");
        Directory.CreateDirectory(Corpus);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "corpus"), "*.txt"))
        {
            File.Copy(file, Path.Combine(Corpus, Path.GetFileName(file)));
        }
    }

    private async Task StartServerAsync(params string[] settings)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--Embeddings:Provider=builtin", "--Logging:LogLevel:Default=Warning", "--Fetch:HostInterval=00:00:00",
            .. settings.Select(s => "--" + s)];
        _app = BotServer.Build(args, Corpus, Path.Combine(_folder, "data"), services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
        await _app.StartAsync();
        _client = new HttpClient
        {
            BaseAddress = LoopbackHost.AddressOf(_app),
            Timeout = TimeSpan.FromSeconds(30),
        };
        await WaitUntilAsync(async () => (await _client.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode);
    }

    [Fact]
    public async Task FileCopiedIntoTheCorpus_IsAnsweredWithoutARestart()
    {
        await StartServerAsync();
        Assert.DoesNotContain("40 percent", await AskAsync(CheeseQuestion), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(Corpus, "freedonia.txt"),
            "---\ntitle: Freedonia cuts cheese quota\n---\nFreedonia cut its cheese import quota by 40 percent on Tuesday, officials said.\n");
        // The notification normally arrives at once, and then the clock need only pass the longest a change waits (the
        // debounce would do, but a late second notification of the same write restarts it); when the notification is
        // lost, the rescan that the clock brings finds the file.
        var watcher = _app!.Services.GetRequiredService<CorpusWatcher>();
        var noticed = await WaitUntilAsync(() => Task.FromResult(watcher.HasPendingChange), TimeSpan.FromSeconds(20));
        _clock.Advance(noticed ? CorpusWatcher.MaxDelay : TimeSpan.FromMinutes(5));

        Assert.True(await WaitUntilAsync(async () => (await AskAsync(CheeseQuestion)).Contains("40 percent", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NewFeedItem_IsAnsweredWithinOnePoll()
    {
        var feedUrl = _feeds.Url("/feed.xml");
        var published = _clock.GetUtcNow().AddHours(-2);
        _feeds.Serve("/feed.xml", new FeedBuilder().WithFullItem("wire-1", _feeds.Url("/news/bicycles"), "Ruritania imposes 15% tariff on bicycles",
            "Ruritania imposed a 15% tariff on imported bicycles on Monday, the trade ministry said.", published).Build(), etag: "\"v1\"");
        await StartServerAsync($"Feeds:0:Url={feedUrl}", $"Feeds:0:PollInterval={PollInterval}");
        Assert.True(await WaitUntilAsync(async () => (await AskAsync(BicycleQuestion)).Contains("15%", StringComparison.Ordinal)));
        Assert.DoesNotContain("40 percent", await AskAsync(CheeseQuestion), StringComparison.Ordinal);

        // A new item, whose text is on its linked page; it is read at the next poll, one interval later.
        _feeds.Serve("/news/cheese", FeedBuilder.Page("Freedonia cuts cheese quota", "Freedonia cut its cheese import quota by 40 percent on Tuesday, officials said."), "text/html");
        _feeds.Serve("/feed.xml", new FeedBuilder()
            .WithSummaryItem("wire-2", _feeds.Url("/news/cheese"), "Freedonia cuts cheese quota", "Quota news.", published.AddHours(1))
            .WithFullItem("wire-1", _feeds.Url("/news/bicycles"), "Ruritania imposes 15% tariff on bicycles",
                "Ruritania imposed a 15% tariff on imported bicycles on Monday, the trade ministry said.", published).Build(), etag: "\"v2\"");
        _clock.Advance(PollInterval);

        Assert.True(await WaitUntilAsync(async () => (await AskAsync(CheeseQuestion)).Contains("40 percent", StringComparison.Ordinal)));
        var today = await AskAsync("What did Freedonia do to its cheese import quota today?");
        Assert.Contains("40 percent", today, StringComparison.Ordinal);
        Assert.Contains("\"today\" read as 22 Nov 2026", today, StringComparison.Ordinal);
        var ready = await _client.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        Assert.StartsWith("Healthy\narticles: 4 (2 from files, 2 from feeds)", ready, StringComparison.Ordinal);
        Assert.Contains($"feed {feedUrl}: last poll 2026-11-22 12:10:00Z: 1 added; next poll 2026-11-22 12:20:00Z", ready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingFeed_IsReportedInReadyzAndTheRestIsServed()
    {
        var feedUrl = _feeds.Url("/feed.xml");
        _feeds.Fail("/feed.xml", 500);
        await StartServerAsync($"Feeds:0:Url={feedUrl}", $"Feeds:0:PollInterval={PollInterval}");

        Assert.True(await WaitUntilAsync(async () =>
            (await _client.GetStringAsync(new Uri("/readyz", UriKind.Relative))).Contains($"feed {feedUrl}: last poll 2026-11-22 12:00:00Z failed (1 in a row): HTTP 500", StringComparison.Ordinal)));
        Assert.Contains("[1]", await AskAsync("What tariff did the US impose on Chinese imports?"), StringComparison.Ordinal);
    }

    /// <summary>The text of the bot's answer to a question, asked with <c>expectReplies</c>.</summary>
    private async Task<string> AskAsync(string question)
    {
        var activity = TestActivities.Message(null, question, conversationId: "fresh-" + Guid.NewGuid().ToString("N")[..8], channelId: Channels.Emulator);
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await _client.PostAsJsonAsync("/api/messages", activity, ActivitySerializer.Options);
        response.EnsureSuccessStatusCode();
        var replies = (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ActivitySerializer.Options))!.Activities;
        return string.Join("\n", replies.Where(r => r.Type == ActivityTypes.Message).Select(r => r.Text));
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? Generous);
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException)
            {
                return await condition();
            }
        }
        return true;
    }

    public void Dispose() => _client?.Dispose();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await _feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned up by the system.
        }
    }
}
