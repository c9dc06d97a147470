using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion;

/// <summary>Incremental, idempotent ingestion of a synced folder.</summary>
public sealed class CorpusSynchronizerTests : IDisposable
{
    private static readonly string[] s_subjects = ["soybean quotas", "aluminium duties", "semiconductor export controls"];

    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public CorpusSynchronizerTests()
    {
        _corpus = _temp.Combine("corpus");
        for (var i = 0; i < s_subjects.Length; i++)
        {
            _temp.WriteText($"corpus/article-{i}.txt", ArticleFileBuilder.Article().WithTitle($"Story {i}").AboutSubject(s_subjects[i]).Build());
        }
    }

    [Fact]
    public async Task SyncAsync_NewFolder_AddsEveryArticle()
    {
        var report = await SyncAsync();

        Assert.Equal(3, report.Added);
        Assert.Equal((0, 0, 0), (report.Updated, report.Unchanged, report.Removed));
        Assert.Empty(report.Failures);
        using var host = Host();
        Assert.Equal(report.Passages, (await host.AllPassagesAsync()).Count);
    }

    [Fact]
    public async Task SyncAsync_SecondRunOverUnchangedFolder_WritesNothing()
    {
        await SyncAsync();

        var report = await SyncAsync();

        Assert.True(report.WroteNothing);
        Assert.Equal(3, report.Unchanged);
        Assert.Equal(0, report.Passages);
    }

    [Fact]
    public async Task SyncAsync_FileTouchedButUnchanged_WritesNothing()
    {
        await SyncAsync();
        var before = await PassageIdsAsync();
        File.SetLastWriteTimeUtc(_temp.Combine("corpus", "article-1.txt"), DateTime.UtcNow.AddHours(1));

        var report = await SyncAsync();
        var again = await SyncAsync();

        Assert.True(report.WroteNothing);
        Assert.Equal(3, report.Unchanged);
        Assert.True(again.WroteNothing);
        Assert.Equal(3, again.Unchanged);
        Assert.Equal(before, await PassageIdsAsync());
    }

    [Fact]
    public async Task SyncAsync_ArticleTextChanged_ReplacesItsPassagesWithoutStaleOnes()
    {
        var longVersion = ArticleFileBuilder.Article().WithTitle("Story 1");
        foreach (var n in Enumerable.Range(1, 30))
        {
            longVersion.WithParagraph($"Paragraph {n} of the long version explains the aluminium duties schedule for importers in detail.");
        }
        _temp.WriteText("corpus/article-1.txt", longVersion.Build());
        await SyncAsync();
        using (var host = Host())
        {
            Assert.True((await host.PassagesOfAsync("article-1.txt")).Count >= 3);
        }
        _temp.WriteText("corpus/article-1.txt", ArticleFileBuilder.Article().WithTitle("Story 1").WithParagraph("The aluminium duties were withdrawn on Friday.").Build());

        var report = await SyncAsync();

        Assert.Equal(1, report.Updated);
        Assert.Equal((0, 0, 2), (report.Added, report.Removed, report.Unchanged));
        using var after = Host();
        var passage = Assert.Single(await after.PassagesOfAsync("article-1.txt"));
        Assert.Equal("The aluminium duties were withdrawn on Friday.", passage.Text);
        Assert.DoesNotContain(await after.AllPassagesAsync(), p => p.Text.Contains("long version", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAsync_FileDeletedFromFolder_RemovesItsArticleAndPassages()
    {
        await SyncAsync();
        File.Delete(_temp.Combine("corpus", "article-2.txt"));

        var report = await SyncAsync();

        Assert.Equal(1, report.Removed);
        Assert.Equal(2, report.Unchanged);
        using var host = Host();
        Assert.Empty(await host.PassagesOfAsync("article-2.txt"));
        Assert.Null(await host.Catalog.GetAsync("article-2.txt"));
        Assert.NotEmpty(await host.PassagesOfAsync("article-0.txt"));
    }

    [Fact]
    public async Task SyncAsync_ArticleIngestedFromOutsideTheFolder_StaysWhenFolderIsSynced()
    {
        var outside = _temp.WriteText("elsewhere/outside.txt", ArticleFileBuilder.Article().WithTitle("Outside").AboutSubject("fishing rights").Build());
        using (var host = Host())
        {
            Assert.Equal(1, (await host.Synchronizer.SyncAsync([outside])).Added);
        }

        var report = await SyncAsync();

        Assert.Equal(0, report.Removed);
        using var after = Host();
        Assert.NotEmpty(await after.PassagesOfAsync("outside.txt"));
    }

    [Fact]
    public async Task SyncAsync_LineRemovedFromJsonLinesFile_RemovesOnlyThatArticle()
    {
        var lines = new JsonLinesBuilder().WithSyntheticArticles(3);
        _temp.WriteText("corpus/wire.jsonl", lines.Build());
        await SyncAsync();
        _temp.WriteText("corpus/wire.jsonl", new JsonLinesBuilder()
            .WithArticle(JsonLinesBuilder.SyntheticId(1), "Synthetic report 1", JsonLinesBuilder.SyntheticBody(1))
            .WithArticle(JsonLinesBuilder.SyntheticId(3), "Synthetic report 3", JsonLinesBuilder.SyntheticBody(3))
            .Build());

        var report = await SyncAsync();

        Assert.Equal(1, report.Removed);
        Assert.Equal(0, report.Added + report.Updated);
        Assert.Equal(5, report.Unchanged);
        using var host = Host();
        Assert.Empty(await host.PassagesOfAsync(JsonLinesBuilder.SyntheticId(2)));
        Assert.NotEmpty(await host.PassagesOfAsync(JsonLinesBuilder.SyntheticId(3)));
    }

    [Fact]
    public async Task SyncAsync_SameArticleTwice_KeepsPassageIdsStable()
    {
        await SyncAsync();
        var first = await PassageIdsAsync();
        _temp.Dispose();

        using var other = new TempFolder();
        other.WriteText("corpus/article-0.txt", ArticleFileBuilder.Article().WithTitle("Story 0").AboutSubject(s_subjects[0]).Build());
        using var host = new CorpusHost(other.Path);
        await host.Synchronizer.SyncAsync([other.Combine("corpus")]);

        Assert.Equal(first.Where(p => p.ArticleId == "article-0.txt"), (await host.AllPassagesAsync()).Select(p => (p.ArticleId, p.Id)).Order());
    }

    public void Dispose() => _temp.Dispose();

    private CorpusHost Host() => new(_temp.Path);

    private async Task<IngestReport> SyncAsync()
    {
        using var host = Host();
        return await host.Synchronizer.SyncAsync([_corpus]);
    }

    private async Task<List<(string ArticleId, Guid Id)>> PassageIdsAsync()
    {
        using var host = Host();
        return [.. (await host.AllPassagesAsync()).Select(p => (p.ArticleId, p.Id)).Order()];
    }
}
