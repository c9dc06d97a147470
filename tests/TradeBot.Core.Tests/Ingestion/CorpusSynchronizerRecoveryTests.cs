using TradeBot.Core.Embeddings;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion;

/// <summary>An ingestion stopped midway leaves the store consistent, and the next run completes it without duplicates.</summary>
public sealed class CorpusSynchronizerRecoveryTests : IDisposable
{
    private const int ArticleCount = 300; // more than one batch of 256
    private const int FirstBatch = 256;

    private readonly TempFolder _temp = new();
    private readonly string _corpus;
    private readonly int _expectedPassages;

    public CorpusSynchronizerRecoveryTests()
    {
        _corpus = _temp.Combine("corpus");
        _temp.WriteText("corpus/wire.jsonl", new JsonLinesBuilder().WithSyntheticArticles(ArticleCount).Build());
        _expectedPassages = Enumerable.Range(1, ArticleCount).Sum(i => PassageSplitter.Split(JsonLinesBuilder.SyntheticBody(i)).Count);
    }

    [Fact]
    public async Task SyncAsync_CancelledDuringSecondBatch_LeavesTheFirstBatchWhole()
    {
        await CrashDuringSecondBatchAsync();

        using var host = new CorpusHost(_temp.Path);
        var passages = await host.AllPassagesAsync();
        var firstBatch = Enumerable.Range(1, FirstBatch).ToList();
        Assert.Equal(firstBatch.Select(JsonLinesBuilder.SyntheticId), passages.Select(p => p.ArticleId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(firstBatch.Sum(i => PassageSplitter.Split(JsonLinesBuilder.SyntheticBody(i)).Count), passages.Count);
        Assert.Equal(FirstBatch, (await host.Catalog.SummaryAsync()).Count);
    }

    [Fact]
    public async Task SyncAsync_RunAfterCrash_CompletesWithEveryArticleExactlyOnce()
    {
        await CrashDuringSecondBatchAsync();

        using var host = new CorpusHost(_temp.Path);
        var report = await host.Synchronizer.SyncAsync([_corpus]);

        Assert.Empty(report.Failures);
        Assert.Equal(ArticleCount - FirstBatch, report.Added);
        Assert.Equal(FirstBatch, report.Unchanged);
        Assert.Equal((0, 0), (report.Updated, report.Removed));
        var passages = await host.AllPassagesAsync();
        Assert.Equal(_expectedPassages, passages.Count);
        Assert.Equal(passages.Count, passages.Select(p => (p.ArticleId, p.Ordinal)).Distinct().Count());
        Assert.Equal(passages.Count, passages.Select(p => p.Id).Distinct().Count());
        Assert.Equal(ArticleCount, passages.Select(p => p.ArticleId).Distinct().Count());
        Assert.Equal(ArticleCount, (await host.Catalog.SummaryAsync()).Count);
        Assert.Equal(_expectedPassages, (await host.Passages.GetTermStatisticsAsync()).DocumentCount);
    }

    [Fact]
    public async Task SyncAsync_ThirdRunAfterRecovery_WritesNothing()
    {
        await CrashDuringSecondBatchAsync();
        using var host = new CorpusHost(_temp.Path);
        await host.Synchronizer.SyncAsync([_corpus]);

        var report = await host.Synchronizer.SyncAsync([_corpus]);

        Assert.True(report.WroteNothing);
        Assert.Equal(ArticleCount, report.Unchanged);
    }

    [Fact]
    public async Task SyncAsync_AfterAnotherEmbeddersRunCrashed_ReembedsWhatThatRunRewrote()
    {
        using (var host = new CorpusHost(_temp.Path))
        {
            await host.Synchronizer.SyncAsync([_corpus]);
        }
        // A run with another embedder starts re-embedding the unchanged file and dies after its first batch.
        await CrashDuringSecondBatchAsync(dimensions: 256);

        using var again = new CorpusHost(_temp.Path);
        var report = await again.Synchronizer.SyncAsync([_corpus]);

        Assert.Equal(FirstBatch, report.Updated);
        Assert.Equal(ArticleCount - FirstBatch, report.Unchanged);
        Assert.All(await again.AllPassagesAsync(), p => Assert.Equal(HashingEmbeddingGenerator.DefaultDimensions, p.Embedding.Length));
    }

    public void Dispose() => _temp.Dispose();

    private async Task CrashDuringSecondBatchAsync(int dimensions = HashingEmbeddingGenerator.DefaultDimensions)
    {
        using var run = new CancellationTokenSource();
        var embedder = new FaultingEmbeddingGenerator(failOnCall: 2, run, dimensions);
        using var host = new CorpusHost(_temp.Path, embedder: embedder);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Synchronizer.SyncAsync([_corpus], cancellationToken: run.Token));
        Assert.Equal(2, embedder.Calls);
    }
}
