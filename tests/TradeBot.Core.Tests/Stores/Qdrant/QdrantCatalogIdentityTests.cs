using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.Stores.Qdrant.Support;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// The local catalog of a Qdrant collection never claims what the collection does not hold: a Qdrant that lost its
/// data (restarted without its volume, collection deleted) is noticed by the collection's instance id, and the corpus
/// is ingested again.
/// </summary>
public sealed class QdrantCatalogIdentityTests : IDisposable
{
    private const string Question = "What tariff did the US impose on Chinese imports?";

    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public QdrantCatalogIdentityTests() => _corpus = SeedCorpus.CopyTo(_temp);

    [Fact]
    public async Task SecondRun_QdrantRestartedEmpty_ReingestsAndAnswers()
    {
        await using (var first = await QdrantStandIn.StartAsync())
        {
            using var host = Host(first);
            Assert.Equal(2, (await host.Synchronizer.SyncAsync([_corpus])).Added);
        }
        await using var restarted = await QdrantStandIn.StartAsync();
        using var again = Host(restarted);

        var report = await again.Synchronizer.SyncAsync([_corpus]);

        Assert.Equal(2, report.Added);
        Assert.Contains(report.Warnings, w => w.StartsWith("Re-ingesting everything", StringComparison.Ordinal));
        Assert.Contains("145", (await again.AskAsync(Question)).Text, StringComparison.Ordinal);
        Assert.Empty(restarted.Violations);
    }

    [Fact]
    public async Task NextSync_CollectionDeletedWhileRunning_IsDetectedAndReingested()
    {
        await using var standIn = await QdrantStandIn.StartAsync();
        using var host = Host(standIn);
        await host.Synchronizer.SyncAsync([_corpus]);

        await host.Services.GetRequiredService<QdrantPassageCollection>().EnsureCollectionDeletedAsync();
        var report = await host.Synchronizer.SyncAsync([_corpus]);

        Assert.Equal(2, report.Added);
        Assert.Contains(report.Warnings, w => w.Contains("recreated, emptied or replaced", StringComparison.Ordinal));
        Assert.Equal(0, report.Consistency!.Missing);
        Assert.Contains("145", (await host.AskAsync(Question)).Text, StringComparison.Ordinal);
        Assert.Empty(standIn.Violations);
    }

    [Fact]
    public async Task Verify_PointsDeletedBehindItsBack_RewritesOnlyTheirArticles()
    {
        await using var standIn = await QdrantStandIn.StartAsync();
        using var host = Host(standIn);
        await host.Synchronizer.SyncAsync([_corpus]);
        var collection = host.Services.GetRequiredService<QdrantPassageCollection>();
        var article = await FirstArticleAsync(host);
        await collection.DeleteArticleAsync(article);

        var gap = await host.Synchronizer.SyncAsync([_corpus]);
        var repair = await host.Synchronizer.SyncAsync([_corpus], verify: true);

        Assert.True(gap.Consistency!.HasLargeGap);
        Assert.Equal((1, 1, 1), (repair.Repaired, repair.Updated, repair.Unchanged));
        Assert.Equal(0, repair.Consistency!.Missing);
        Assert.Empty(standIn.Violations);
    }

    public void Dispose() => _temp.Dispose();

    private CorpusHost Host(QdrantStandIn standIn) => new(_temp.Path, new Dictionary<string, string?>
    {
        ["VectorStore:Provider"] = "qdrant",
        ["VectorStore:Qdrant:Endpoint"] = standIn.Endpoint.ToString(),
        ["VectorStore:Qdrant:CollectionName"] = "identity",
    });

    private static async Task<string> FirstArticleAsync(CorpusHost host)
    {
        await foreach (var page in host.Catalog.ArticlePagesAsync(1))
        {
            return page[0].Id;
        }
        throw new InvalidOperationException("The catalog is empty.");
    }
}
