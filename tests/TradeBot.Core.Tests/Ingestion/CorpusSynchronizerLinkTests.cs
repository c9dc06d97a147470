using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion;

/// <summary>
/// Links and special files in a corpus folder: cycles are not walked, each real file is ingested once, links leaving the
/// corpus are followed only when configured, and a FIFO, socket or device is reported without ever being opened.
/// </summary>
public sealed class CorpusSynchronizerLinkTests : IDisposable
{
    private static readonly Dictionary<string, string?> s_followOutside = new() { ["Corpus:Reader:FollowLinksOutsideCorpus"] = "true" };

    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public CorpusSynchronizerLinkTests()
    {
        _corpus = _temp.Combine("corpus");
        _temp.WriteText("corpus/good-one.txt", ArticleFileBuilder.Article().WithTitle("Good one").AboutSubject("soybean quotas").Build());
        _temp.WriteText("corpus/sub/good-two.md", ArticleFileBuilder.Article().WithTitle("Good two").AboutSubject("aluminium duties").Build());
    }

    [Fact]
    public async Task SyncAsync_LinksBackIntoTheCorpus_EachArticleIngestedOnce()
    {
        File.CreateSymbolicLink(_temp.Combine("corpus", "s1"), ".");
        File.CreateSymbolicLink(_temp.Combine("corpus", "sub", "up"), "..");
        File.CreateSymbolicLink(_temp.Combine("corpus", "sub", "again.txt"), "../good-one.txt");

        var report = await SyncAsync();

        Assert.Empty(report.Failures);
        Assert.Equal(2, report.Added);
        using var host = Host();
        var articles = (await host.AllPassagesAsync()).Select(p => p.ArticleId).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["good-one.txt", "sub/good-two.md"], articles);
    }

    [Fact]
    public async Task SyncAsync_LinksLeavingTheCorpus_AreReportedAndNotFollowed()
    {
        _temp.WriteText("outside/secret.txt", ArticleFileBuilder.Article().WithTitle("Outside").AboutSubject("private notes").Build());
        File.CreateSymbolicLink(_temp.Combine("corpus", "elsewhere"), _temp.Combine("outside"));
        File.CreateSymbolicLink(_temp.Combine("corpus", "secret.txt"), _temp.Combine("outside", "secret.txt"));

        var report = await SyncAsync();

        AssertReportedAndGoodFilesAdded(report, ("elsewhere", "outside the corpus"), ("secret.txt", "outside the corpus"));
    }

    [Fact]
    public async Task SyncAsync_LinksLeavingTheCorpusWhenConfigured_FollowedOnceWithoutLooping()
    {
        _temp.WriteText("outside/wire.txt", ArticleFileBuilder.Article().WithTitle("Wire").AboutSubject("rice exports").Build());
        File.CreateSymbolicLink(_temp.Combine("outside", "loop"), _temp.Combine("outside"));
        File.CreateSymbolicLink(_temp.Combine("outside", "back"), _corpus);
        File.CreateSymbolicLink(_temp.Combine("corpus", "elsewhere"), _temp.Combine("outside"));

        var report = await SyncAsync(s_followOutside);

        Assert.Empty(report.Failures);
        Assert.Equal(3, report.Added);
        using var host = Host();
        Assert.NotEmpty(await host.PassagesOfAsync("elsewhere/wire.txt"));
    }

    [Fact]
    public async Task SyncAsync_LinkNoLongerFollowed_ItsArticleIsRemoved()
    {
        _temp.WriteText("outside/wire.txt", ArticleFileBuilder.Article().WithTitle("Wire").AboutSubject("rice exports").Build());
        File.CreateSymbolicLink(_temp.Combine("corpus", "elsewhere"), _temp.Combine("outside"));
        await SyncAsync(s_followOutside);

        var report = await SyncAsync();

        Assert.Equal(1, report.Removed);
        using var host = Host();
        Assert.Empty(await host.PassagesOfAsync("elsewhere/wire.txt"));
    }

    [Fact]
    public async Task SyncAsync_FifoNamedAsArticles_ReportedWithoutBeingOpened()
    {
        // Opening a FIFO for reading blocks until a writer comes: before the fix this run never ended.
        UnixFiles.MakeFifo(_temp.Combine("corpus", "pipe.txt"));
        UnixFiles.MakeFifo(_temp.Combine("corpus", "pipe.jsonl"));

        var report = await SyncAsync();

        AssertReportedAndGoodFilesAdded(report, ("pipe.jsonl", "FIFO"), ("pipe.txt", "FIFO"));
    }

    [Fact]
    public async Task SyncAsync_SocketAndLinkedDevice_ReportedWithoutBeingOpened()
    {
        using var socket = UnixFiles.MakeSocket(_temp.Combine("corpus", "socket.jsonl"));
        File.CreateSymbolicLink(_temp.Combine("corpus", "zero.txt"), "/dev/zero");
        UnixFiles.MakeFifo(_temp.Combine("outside.fifo"));
        File.CreateSymbolicLink(_temp.Combine("corpus", "pipe.txt"), _temp.Combine("outside.fifo"));

        var report = await SyncAsync(s_followOutside);

        AssertReportedAndGoodFilesAdded(report, ("pipe.txt", "FIFO"), ("socket.jsonl", "socket"), ("zero.txt", "character device"));
    }

    [Fact]
    public async Task SyncAsync_BrokenLinkAndLoopOfLinks_AreReportedAndOthersIngested()
    {
        File.CreateSymbolicLink(_temp.Combine("corpus", "gone.txt"), _temp.Combine("corpus", "deleted.txt"));
        File.CreateSymbolicLink(_temp.Combine("corpus", "a.txt"), "b.txt");
        File.CreateSymbolicLink(_temp.Combine("corpus", "b.txt"), "a.txt");

        var report = await SyncAsync();

        AssertReportedAndGoodFilesAdded(report, ("a.txt", "loop of links"), ("b.txt", "loop of links"), ("gone.txt", "broken link"));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Exactly these items failed, each with its reason, and the two good files were ingested.</summary>
    private static void AssertReportedAndGoodFilesAdded(IngestReport report, params (string Item, string Reason)[] expected)
    {
        var failures = report.Failures.OrderBy(f => f.Item, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(e => e.Item), failures.Select(f => f.Item));
        Assert.All(expected.Zip(failures), pair => Assert.Contains(pair.First.Reason, pair.Second.Reason, StringComparison.Ordinal));
        Assert.Equal(2, report.Added);
    }

    private CorpusHost Host(IReadOnlyDictionary<string, string?>? settings = null) => new(_temp.Path, settings);

    private async Task<IngestReport> SyncAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        using var host = Host(settings);
        return await host.Synchronizer.SyncAsync([_corpus]);
    }
}
