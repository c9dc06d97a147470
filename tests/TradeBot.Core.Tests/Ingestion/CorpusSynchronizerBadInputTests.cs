using System.Text;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion;

/// <summary>Each kind of bad input is reported per item with its reason, while the good files beside it are ingested.</summary>
public sealed class CorpusSynchronizerBadInputTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public CorpusSynchronizerBadInputTests()
    {
        _corpus = _temp.Combine("corpus");
        _temp.WriteText("corpus/good-one.txt", ArticleFileBuilder.Article().WithTitle("Good one").AboutSubject("soybean quotas").Build());
        _temp.WriteText("corpus/good-two.md", ArticleFileBuilder.Article().WithTitle("Good two").AboutSubject("aluminium duties").Build());
    }

    [Fact]
    public async Task SyncAsync_BinaryFileWithTextExtension_IsReportedAndOthersIngested()
    {
        _temp.WriteBytes("corpus/binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x00]);

        var report = await SyncAsync();

        AssertFailure(report, "binary.txt", "binary");
        await AssertGoodFilesIngestedAsync(report);
    }

    [Fact]
    public async Task SyncAsync_InvalidUtf8_IsReportedAndOthersIngested()
    {
        var bytes = Encoding.UTF8.GetBytes("Tariffs were raised on Monday. The ministry said ").Concat(new byte[] { 0xC3, 0x28, 0xA0, 0xA1 }).ToArray();
        _temp.WriteBytes("corpus/latin1.txt", bytes);

        var report = await SyncAsync();

        AssertFailure(report, "latin1.txt", "invalid UTF-8");
        await AssertGoodFilesIngestedAsync(report);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  \n")]
    [InlineData("---\ntitle: \"Only a title\"\n---\n")]
    [InlineData("- Advertisement -\n\nREAD ALSO: Another story\n")]
    public async Task SyncAsync_EmptyArticle_IsReportedAndOthersIngested(string content)
    {
        _temp.WriteText("corpus/empty.txt", content);

        var report = await SyncAsync();

        AssertFailure(report, "empty.txt", "empty article");
        await AssertGoodFilesIngestedAsync(report);
    }

    [Fact]
    public async Task SyncAsync_FileOverConfiguredLimit_IsReportedAndOthersIngested()
    {
        _temp.WriteText("corpus/too-big.txt", ArticleFileBuilder.Article().WithTitle("Big").WithParagraph(new string('x', 4000) + ".").Build());

        var report = await SyncAsync(new Dictionary<string, string?> { ["Corpus:Reader:MaxFileBytes"] = "2048" });

        AssertFailure(report, "too-big.txt", "limit");
        await AssertGoodFilesIngestedAsync(report);
    }

    [Fact]
    public async Task SyncAsync_RealFiftyMegabyteTextFile_IsRejectedAndOthersIngested()
    {
        var path = _temp.Combine("corpus", "huge.txt");
        var line = Encoding.UTF8.GetBytes("Tariffs and trade flows were discussed again by the delegations today.\n");
        await using (var stream = File.Create(path))
        {
            while (stream.Length < 50L * 1024 * 1024)
            {
                await stream.WriteAsync(line);
            }
        }

        var report = await SyncAsync();

        AssertFailure(report, "huge.txt", "50 MB");
        await AssertGoodFilesIngestedAsync(report);
    }

    [Fact]
    public async Task SyncAsync_TwoGigabyteFile_IsRefusedFromItsLengthWithoutBeingOpened()
    {
        // Held open without sharing, so any attempt to open the file (to read or to hash it) fails: only a refusal
        // judged from its length reports the size. The file is sparse and takes no disk space.
        await using var held = new FileStream(_temp.Combine("corpus", "huge.txt"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        held.SetLength(2L * 1024 * 1024 * 1024);

        var report = await SyncAsync();

        AssertFailure(report, "huge.txt", "2048 MB, more than the 10 MB limit");
        await AssertGoodFilesIngestedAsync(report);
    }

    [Fact]
    public async Task SyncAsync_HundredThousandNestedHtmlElements_IsReportedAndOthersIngested()
    {
        // 1.1 MB: before the depth check this page took 40 s to parse.
        _temp.WriteText("corpus/nested.html", HtmlPages.Nested("div", 100_000, "<p>Tariffs rose on steel imports.</p>"));

        var report = await SyncAsync();

        AssertFailure(report, "nested.html", "more than 512 deep");
        await AssertGoodFilesIngestedAsync(report);
    }

    [Fact]
    public async Task SyncAsync_FeedItemWithDeeplyNestedHtml_OnlyThatItemIsReported()
    {
        var nested = System.Security.SecurityElement.Escape(HtmlPages.Nested("span", 5_000, "Deep text about tariffs."));
        _temp.WriteText("corpus/feed.rss", $"""
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>deep</guid><title>Deep</title><description>{nested}</description></item>
            <item><guid>fine</guid><title>Fine</title><description>&lt;p&gt;Copper imports fell in April.&lt;/p&gt;</description></item>
            </channel></rss>
            """);

        var report = await SyncAsync();

        AssertFailure(report, "deep", "deep");
        Assert.Equal(3, report.Added);
    }

    [Fact]
    public async Task SyncAsync_MalformedJsonLine_IsReportedWithLineNumberAndTheOtherLinesIngested()
    {
        _temp.WriteText("corpus/wire.jsonl", new JsonLinesBuilder()
            .WithArticle("w1", "Wire one", "Rice exports rose sharply in March.")
            .WithRawLine("{\"id\": \"w2\", \"body\": ")
            .WithArticle("w3", "Wire three", "Copper imports fell in April.")
            .Build());

        var report = await SyncAsync();

        AssertFailure(report, "wire.jsonl:2", "malformed JSON");
        Assert.Equal(4, report.Added);
        using var host = Host();
        Assert.NotEmpty(await host.PassagesOfAsync("w1"));
        Assert.NotEmpty(await host.PassagesOfAsync("w3"));
    }

    [Fact]
    public async Task SyncAsync_BrokenXmlFeed_IsReportedAndOthersIngested()
    {
        _temp.WriteText("corpus/feed.xml", "<rss version=\"2.0\"><channel><title>Wire</title><item><title>Cut off mid-item");

        var report = await SyncAsync();

        AssertFailure(report, "feed.xml", "broken feed XML");
        await AssertGoodFilesIngestedAsync(report);
    }

    [Fact]
    public async Task SyncAsync_EveryBadInputTogether_EachReportedOnceAndGoodFilesIngested()
    {
        _temp.WriteBytes("corpus/binary.txt", [0x00, 0x01, 0x02, 0x00]);
        _temp.WriteBytes("corpus/latin1.txt", [0x54, 0x61, 0x72, 0x69, 0x66, 0xE9, 0x0A]);
        _temp.WriteText("corpus/empty.txt", string.Empty);
        _temp.WriteText("corpus/feed.rss", "<rss><channel>");
        _temp.WriteText("corpus/lines.jsonl", "not json at all\n");

        var report = await SyncAsync();

        Assert.Equal(["binary.txt", "empty.txt", "feed.rss", "latin1.txt", "lines.jsonl:1"], report.Failures.Select(f => f.Item).Order(StringComparer.Ordinal));
        Assert.All(report.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        await AssertGoodFilesIngestedAsync(report);
    }

    [Fact]
    public async Task SyncAsync_BadFileFixedLater_IsIngestedOnTheNextRun()
    {
        _temp.WriteBytes("corpus/fixed.txt", [0x00, 0x00]);
        await SyncAsync();
        _temp.WriteText("corpus/fixed.txt", ArticleFileBuilder.Article().WithTitle("Fixed").AboutSubject("wheat subsidies").Build());

        var report = await SyncAsync();

        Assert.Empty(report.Failures);
        Assert.Equal(1, report.Added);
        Assert.Equal(2, report.Unchanged);
    }

    [Fact]
    public async Task SyncAsync_MissingPath_IsReported()
    {
        using var host = Host();

        var report = await host.Synchronizer.SyncAsync([_temp.Combine("nowhere")]);

        Assert.Contains("no such file", Assert.Single(report.Failures).Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private CorpusHost Host(IReadOnlyDictionary<string, string?>? settings = null) => new(_temp.Path, settings);

    private async Task<IngestReport> SyncAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        using var host = Host(settings);
        return await host.Synchronizer.SyncAsync([_corpus]);
    }

    private static void AssertFailure(IngestReport report, string item, string reason)
    {
        var failure = Assert.Single(report.Failures);
        Assert.Equal(item, failure.Item);
        Assert.Contains(reason, failure.Reason, StringComparison.OrdinalIgnoreCase);
    }

    private async Task AssertGoodFilesIngestedAsync(IngestReport report)
    {
        Assert.Equal(2, report.Added);
        using var host = Host();
        Assert.NotEmpty(await host.PassagesOfAsync("good-one.txt"));
        Assert.NotEmpty(await host.PassagesOfAsync("good-two.md"));
    }
}
