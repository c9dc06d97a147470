using Microsoft.Extensions.DependencyInjection;
using TradeBot.Cli;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;
using TradeBot.Tests.TestSupport;

namespace TradeBot.Tests.Cli;

/// <summary>`ingest https://…/feed.xml` polls a feed once (conditionally, the next time); `status` reports it, and its failures by exit code.</summary>
public sealed class FeedCommandTests : IAsyncLifetime, IDisposable
{
    private readonly SeedPipeline _folder = new();
    private FeedServer _feeds = null!;

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _feeds.Serve("/feed.xml", new FeedBuilder().WithFullItem("wire-1", _feeds.Url("/news/bicycles"), "Ruritania imposes 15% tariff on bicycles",
            "Ruritania imposed a 15% tariff on imported bicycles on Monday, the trade ministry said.", DateTimeOffset.UtcNow.AddHours(-1)).Build(), etag: "\"v1\"");
        _feeds.Fail("/broken.xml", 500);
    }

    [Fact]
    public async Task Ingest_FeedAddress_PollsOnceAndNextTimeConditionally()
    {
        Assert.Equal(ExitCodes.Success, await RunAsync("ingest", _feeds.Url("/feed.xml")));
        Assert.Equal(ExitCodes.Success, await RunAsync("ingest", _feeds.Url("/feed.xml")));

        Assert.Equal(["\"v1\""], _feeds.Requests.Where(r => r.Path == "/feed.xml").Skip(1).Select(r => r.IfNoneMatch));
        await using var services = Services();
        Assert.Equal(1, await services.GetRequiredService<ArticleCatalog>().CountFromFeedsAsync());
        var status = await services.GetRequiredService<CorpusStatusReader>().ReadAsync();
        Assert.Contains(status.Lines(), l => l.StartsWith($"feed {_feeds.Url("/feed.xml")}: last poll ", StringComparison.Ordinal) && l.Contains(": 0 added", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Success, await RunAsync("status"));
    }

    [Fact]
    public async Task Ingest_FailingFeed_IsAPartialFailureThatStatusReports()
    {
        Assert.Equal(ExitCodes.PartialFailure, await RunAsync("ingest", _feeds.Url("/broken.xml")));
        Assert.Equal(ExitCodes.PartialFailure, await RunAsync("status"));

        await using var services = Services();
        var status = await services.GetRequiredService<CorpusStatusReader>().ReadAsync();
        Assert.Contains(status.Lines(), l => l.Contains("failed (1 in a row): HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_NotAnHttpAddress_IsRefused() =>
        Assert.Equal(ExitCodes.PartialFailure, await RunAsync("ingest", "file:///etc/passwd"));

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        _folder.Register(services);
        TradeBot.Core.Ingestion.Feeds.FeedServiceCollectionExtensions.AddTradeNewsFeeds(services, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    private Task<int> RunAsync(params string[] args) =>
        CliApplication.RunAsync([.. args, "--corpus", Path.Combine(_folder.Root, "corpus"), "--data", Path.Combine(_folder.Root, "data")], TextWriter.Null);

    public async Task DisposeAsync() => await _feeds.DisposeAsync();

    public void Dispose() => _folder.Dispose();
}
