using TradeBot.Core.Ingestion.Feeds;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion.Feeds;

/// <summary>
/// Polls against a real loopback feed server; time is a fake clock, so backoffs and timeouts are decided by advancing
/// it, never by waiting.
/// </summary>
public sealed class FeedPollerTests : IAsyncLifetime, IDisposable
{
    private const string BicycleQuestion = "What tariff did Ruritania impose on bicycles?";
    private const string CheeseQuestion = "By how much did Freedonia cut its cheese import quota?";
    private static readonly DateTimeOffset Published = new(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _temp = new();
    private FeedServer _server = null!;
    private FeedHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FeedServer.StartAsync();
        _server.Serve("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain");
        _host = new FeedHost(_temp.Path);
    }

    private string FeedUrl => _server.Url("/feed.xml");

    private string BicycleLink => _server.Url("/news/ruritania-bicycles");

    private string CheeseLink => _server.Url("/news/freedonia-cheese");

    private FeedBuilder BicycleFeed() => new FeedBuilder().WithFullItem("wire-1", BicycleLink, "Ruritania imposes 15% tariff on bicycles",
        "Ruritania imposed a 15% tariff on imported bicycles on Monday, the trade ministry said.", Published);

    private void ServeCheesePage() =>
        _server.Serve("/news/freedonia-cheese", FeedBuilder.Page("Freedonia cuts cheese quota",
            "Freedonia cut its cheese import quota by 40 percent on Tuesday, officials said."), "text/html");

    [Fact]
    public async Task Poll_NewItems_AreAnsweredAfterOnePoll()
    {
        ServeCheesePage();
        _server.Serve("/feed.xml", BicycleFeed().WithSummaryItem("wire-2", CheeseLink, "Freedonia cuts cheese quota", "Quota news.", Published).Build());
        Assert.False((await _host.Corpus.AskAsync(BicycleQuestion)).Answered);

        var result = await _host.PollAsync(FeedUrl);

        Assert.Equal(FeedPollOutcome.Read, result.Outcome);
        Assert.Equal(2, result.Added);
        Assert.Empty(result.Failures);
        var bicycles = await _host.Corpus.AskAsync(BicycleQuestion);
        Assert.Contains("15%", bicycles.Text, StringComparison.Ordinal);
        Assert.Equal(BicycleLink, Assert.Single(bicycles.Citations).Url);
        Assert.Equal("Trade Wire", bicycles.Citations[0].Source);
        Assert.Equal(Published, bicycles.Citations[0].Published);
        // The short item's text is the linked page's main text.
        var cheese = await _host.Corpus.AskAsync(CheeseQuestion);
        Assert.Contains("40 percent", cheese.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Home | World", cheese.Citations[0].Quote, StringComparison.Ordinal);
        Assert.Equal(1, _server.RequestsFor("/news/freedonia-cheese"));
        Assert.Equal(0, _server.RequestsFor("/news/ruritania-bicycles")); // its full text was in the feed
        Assert.Equal(1, _server.RequestsFor("/robots.txt"));
        Assert.All(_server.UserAgents, agent => Assert.Equal(FetchOptions.DefaultUserAgent, agent));
    }

    [Fact]
    public async Task Poll_WithRetention_SkipsAndRemovesOldItems()
    {
        using var kept = new FeedHost(_temp.Combine("retention"), new Dictionary<string, string?> { ["Corpus:RetentionDays"] = "30" });
        _server.Serve("/feed.xml", BicycleFeed()
            .WithFullItem("wire-old", _server.Url("/news/old"), "Freedonia cuts cheese quota", "Freedonia cut its cheese import quota by 40 percent.", Published.AddDays(-40))
            .Build());

        var result = await kept.PollAsync(FeedUrl);

        Assert.Equal(1, result.Added);
        Assert.False((await kept.Corpus.AskAsync(CheeseQuestion)).Answered);
        // Thirty days on, the bicycle item is too old as well, and the next write removes it.
        kept.Clock.Advance(TimeSpan.FromDays(31));
        _server.Serve("/feed.xml", new FeedBuilder().WithFullItem("wire-new", _server.Url("/news/new"), "Freedonia cuts cheese quota",
            "Freedonia cut its cheese import quota by 40 percent.", kept.Clock.GetUtcNow()).Build());
        Assert.Equal(1, (await kept.PollAsync(FeedUrl)).Added);

        Assert.False((await kept.Corpus.AskAsync(BicycleQuestion)).Answered);
        Assert.True((await kept.Corpus.AskAsync(CheeseQuestion)).Answered);
        Assert.Equal(1, (await kept.Corpus.Catalog.CountAsync()).Articles);
    }

    [Fact]
    public async Task Poll_NotModified_FetchesNothingElse()
    {
        ServeCheesePage();
        _server.Serve("/feed.xml", BicycleFeed().WithSummaryItem("wire-2", CheeseLink, "Freedonia cuts cheese quota", "Quota news.", Published).Build(), etag: "\"v1\"");
        await _host.PollAsync(FeedUrl);
        var requestsAfterFirstPoll = _server.Requests.Count;
        var (articles, passages) = await _host.Corpus.Catalog.CountAsync();

        var second = await _host.PollAsync(FeedUrl);

        Assert.Equal(FeedPollOutcome.NotModified, second.Outcome);
        Assert.Equal(requestsAfterFirstPoll + 1, _server.Requests.Count);
        Assert.Equal(("/feed.xml", "\"v1\""), _server.Requests.Last());
        Assert.Equal((articles, passages), await _host.Corpus.Catalog.CountAsync());
    }

    [Fact]
    public async Task Poll_ServerError_IsReportedAndRetriedAfterTheBackoff()
    {
        _server.Fail("/feed.xml", 500);
        var feed = new FeedSubscription { Url = FeedUrl, PollInterval = TimeSpan.FromMinutes(10) };
        var options = Microsoft.Extensions.Options.Options.Create(new FeedSubscriptions());
        options.Value.Feeds.Add(feed);
        var scheduler = new FeedScheduler(_host.Poller, _host.Status, options, _host.Clock);

        var failed = Assert.Single(await scheduler.PollDueAsync());

        Assert.Equal(FeedPollOutcome.Failed, failed.Outcome);
        Assert.Contains("HTTP 500", failed.Error, StringComparison.Ordinal);
        Assert.Equal(_host.Clock.GetUtcNow() + TimeSpan.FromMinutes(10), failed.NextPoll);
        var state = await _host.Status.GetFeedAsync(FeedUrl);
        Assert.Equal((1, failed.Error), (state!.Failures, state.LastError));

        // Not before the backoff; a second failure doubles it.
        _host.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(await scheduler.PollDueAsync());
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(_host.Clock.GetUtcNow() + TimeSpan.FromMinutes(20), Assert.Single(await scheduler.PollDueAsync()).NextPoll);

        _server.Serve("/feed.xml", BicycleFeed().Build());
        _host.Clock.Advance(TimeSpan.FromMinutes(20));
        var recovered = Assert.Single(await scheduler.PollDueAsync());

        Assert.Equal((FeedPollOutcome.Read, 1), (recovered.Outcome, recovered.Added));
        Assert.Equal(0, (await _host.Status.GetFeedAsync(FeedUrl))!.Failures);
        Assert.True((await _host.Corpus.AskAsync(BicycleQuestion)).Answered);
    }

    [Fact]
    public async Task Poll_RetryAfter_IsHonoured()
    {
        _server.Fail("/feed.xml", 503, retryAfterSeconds: 3600);

        var failed = await _host.PollAsync(FeedUrl, TimeSpan.FromMinutes(5));

        Assert.Equal(_host.Clock.GetUtcNow() + TimeSpan.FromHours(1), failed.NextPoll);
    }

    [Fact]
    public async Task Poll_Timeout_IsReportedWhenTheClockPassesTheLimit()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Hang("/feed.xml", arrived);

        var poll = _host.PollAsync(FeedUrl);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(poll.IsCompleted);
        _host.Clock.Advance(new FetchOptions().Timeout);
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Contains("Fetch:Timeout", result.Error, StringComparison.Ordinal);

        _server.Serve("/feed.xml", BicycleFeed().Build());
        Assert.Equal(1, (await _host.PollAsync(FeedUrl)).Added);
    }

    [Fact]
    public async Task Poll_MalformedFeed_IsReportedAndRetried()
    {
        _server.Serve("/feed.xml", "<rss version=\"2.0\"><channel><item><title>broken");

        var result = await _host.PollAsync(FeedUrl);

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Contains("broken feed XML", result.Error, StringComparison.Ordinal);
        _server.Serve("/feed.xml", BicycleFeed().Build());
        Assert.Equal(1, (await _host.PollAsync(FeedUrl)).Added);
    }

    [Fact]
    public async Task Poll_OversizedPage_IsReportedAndFetchedAgainAtTheNextPoll()
    {
        using var small = new FeedHost(_temp.Combine("small"), new Dictionary<string, string?> { ["Fetch:MaxPageBytes"] = "4000" });
        _server.Serve("/news/freedonia-cheese", FeedBuilder.Page("Freedonia cuts cheese quota", string.Concat(Enumerable.Repeat("Freedonia cheese. ", 400))), "text/html");
        _server.Serve("/feed.xml", new FeedBuilder().WithSummaryItem("wire-2", CheeseLink, "Freedonia cuts cheese quota", "Quota news.", Published).Build(), etag: "\"v1\"");

        var first = await small.PollAsync(FeedUrl);

        Assert.Equal((FeedPollOutcome.Read, 0), (first.Outcome, first.Added));
        var failure = Assert.Single(first.Failures);
        Assert.Equal(CheeseLink, failure.Item);
        Assert.Contains("limit", failure.Reason, StringComparison.Ordinal);
        Assert.Contains(failure.Reason, Assert.Single((await small.Status.GetFeedAsync(FeedUrl))!.ItemFailures), StringComparison.Ordinal);

        // The feed is unchanged, but the failed item is tried again: the next poll sends no ETag and fetches the page.
        ServeCheesePage();
        var second = await small.PollAsync(FeedUrl);

        Assert.Null(_server.Requests.Last(r => r.Path == "/feed.xml").IfNoneMatch);
        Assert.Equal((1, 0), (second.Added, second.Failures.Count));
        Assert.Contains("40 percent", (await small.Corpus.AskAsync(CheeseQuestion)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_SameItemInTwoFeeds_IsOneArticle()
    {
        ServeCheesePage();
        _server.Serve("/feed.xml", BicycleFeed().Build());
        // The other feed has the same bicycle item, and links the cheese story with a tracking parameter: its page's
        // canonical link makes it the same article as the first feed's.
        _server.Serve("/news/freedonia-cheese", FeedBuilder.Page("Freedonia cuts cheese quota",
            "Freedonia cut its cheese import quota by 40 percent on Tuesday, officials said.", canonical: CheeseLink), "text/html");
        _server.Serve("/other.xml", BicycleFeed().WithSummaryItem("other-7", CheeseLink + "?utm=other", "Cheese quota cut", "Quota.", Published).Build());
        _server.Serve("/feed2.xml", new FeedBuilder().WithSummaryItem("wire-2", CheeseLink, "Freedonia cuts cheese quota", "Quota news.", Published).Build());

        var first = await _host.PollAsync(FeedUrl);
        var second = await _host.PollAsync(_server.Url("/feed2.xml"));
        var other = await _host.PollAsync(_server.Url("/other.xml"));

        Assert.Equal((1, 1), (first.Added, second.Added));
        Assert.Equal((0, 2), (other.Added, other.Known));
        Assert.Equal(2, (await _host.Corpus.Catalog.CountAsync()).Articles);
    }

    [Fact]
    public async Task Poll_PageDisallowedByRobots_IsNotFetched()
    {
        var privateLink = _server.Url("/private/freedonia-cheese");
        _server.Serve("/private/freedonia-cheese", FeedBuilder.Page("Freedonia", "Freedonia cut its cheese import quota by 40 percent."), "text/html");
        _server.Serve("/feed.xml", new FeedBuilder().WithSummaryItem("wire-2", privateLink, "Freedonia cuts cheese quota",
            "Freedonia cut its cheese import quota by a third.", Published).Build());

        var result = await _host.PollAsync(FeedUrl);

        Assert.Equal(1, result.Added); // from the feed's own text
        Assert.Equal(0, _server.RequestsFor("/private/freedonia-cheese"));
        Assert.Contains("a third", (await _host.Corpus.AskAsync(CheeseQuestion)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/feed.xml")]
    public async Task Poll_NotHttp_IsRefusedWithoutARequest(string url)
    {
        var result = await _host.PollAsync(url);

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Contains("not an http or https address", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Poll_HostNotAllowed_IsRefusedAlsoBehindARedirect()
    {
        using var allowList = new FeedHost(_temp.Combine("allow"), new Dictionary<string, string?> { ["Fetch:AllowedHosts:0"] = "127.0.0.1" });
        _server.Redirect("/feed.xml", "http://localhost:" + _server.Address.Port + "/elsewhere.xml");

        var redirected = await allowList.PollAsync(FeedUrl);
        var direct = await allowList.PollAsync("http://localhost:" + _server.Address.Port + "/feed.xml");

        Assert.Contains("not in the allow-list (Fetch:AllowedHosts)", redirected.Error, StringComparison.Ordinal);
        Assert.Contains("not in the allow-list", direct.Error, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestsFor("/elsewhere.xml"));
    }

    [Fact]
    public async Task Poll_RedirectLoop_StopsAtTheLimit()
    {
        _server.Redirect("/feed.xml", "/feed.xml");

        var result = await _host.PollAsync(FeedUrl);

        Assert.Contains("redirects (Fetch:MaxRedirects)", result.Error, StringComparison.Ordinal);
        Assert.Equal(new FetchOptions().MaxRedirects + 1, _server.RequestsFor("/feed.xml"));
    }

    [Fact]
    public async Task Poll_OversizedFeed_IsReported()
    {
        using var small = new FeedHost(_temp.Combine("small"), new Dictionary<string, string?> { ["Fetch:MaxFeedBytes"] = "100" });
        _server.Serve("/feed.xml", BicycleFeed().Build());

        var result = await small.PollAsync(FeedUrl);

        Assert.Equal(FeedPollOutcome.Failed, result.Outcome);
        Assert.Contains("larger than the 100-byte limit", result.Error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }
}
