using Microsoft.Data.Sqlite;
using TradeBot.Core.Articles;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Ingestion;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// The term index beside a remote store follows every write through the decorator. The remote store here is an
/// embedded store in a file of its own, so that it can be replaced behind the catalog's back; the catalog and the term
/// index share another file, as they do beside Qdrant.
/// </summary>
public sealed class TermIndexedPassageCollectionTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly PassageRecord _steel = PassageBuilder.Passage("steel").WithText("Canada imposed new tariffs on steel imports from Asia.").Build();
    private readonly PassageRecord _rice = PassageBuilder.Passage("rice").WithText("Japan lowered rice quotas for the coming harvest season.").Build();

    [Fact]
    public async Task Writes_ThroughTheDecorator_KeepTheTermIndexInStep()
    {
        using var local = new LocalDatabase(_temp.Combine("data", "catalog.db"));
        using var remote = new SqlitePassageCollection(new LocalDatabase(_temp.Combine("remote", "store.db")));
        var terms = new LocalTermIndex(local);
        using var store = new TermIndexedPassageCollection(remote, terms);

        await store.UpsertAsync([_steel, _rice]);
        var afterUpsert = await terms.GetTermStatisticsAsync();
        await store.DeleteAsync(_rice.Id);
        var afterDelete = await terms.GetTermStatisticsAsync();
        await store.EnsureCollectionDeletedAsync();
        var afterDrop = await terms.GetTermStatisticsAsync();

        Assert.Equal(2, afterUpsert.DocumentCount);
        Assert.Equal(1, afterUpsert.DocumentFrequency("rice"));
        Assert.Equal((1L, 0), (afterDelete.DocumentCount, afterDelete.DocumentFrequency("rice")));
        Assert.Equal(0, afterDrop.DocumentCount);
        Assert.Null(await remote.GetAsync(_steel.Id));
    }

    [Fact]
    public void GetService_Mirror_IsTheTermIndexAndTheRestIsTheStores()
    {
        using var local = new LocalDatabase(_temp.Combine("data", "catalog.db"));
        using var remote = new SqlitePassageCollection(new LocalDatabase(_temp.Combine("remote", "store.db")));
        var terms = new LocalTermIndex(local);
        using var store = new TermIndexedPassageCollection(remote, terms);

        Assert.Same(terms, store.GetService(typeof(IPassageMirror)));
        Assert.Same(remote, store.GetService(typeof(IPassageStoreInventory)));
        Assert.Equal(remote.Name, store.Name);
    }

    [Fact]
    public async Task Sync_StoreReplacedBehindTheCatalog_StartsTheTermIndexAgainWithTheCatalog()
    {
        var corpus = SeedCorpus.CopyTo(_temp);
        await SyncAsync(corpus);
        // Pooled connections would keep the deleted file open, and the next run would find it there.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_temp.Combine("remote"), recursive: true);
        File.Delete(Path.Combine(corpus, SeedCorpus.UndatedFile));

        var (report, statistics, passages) = await SyncAsync(corpus);

        Assert.Contains(report.Warnings, w => w.StartsWith("Re-ingesting everything", StringComparison.Ordinal));
        Assert.Equal(1, report.Added);
        // Without the reset, the terms of the article that left the corpus would stay in the index.
        Assert.Equal(passages, statistics.DocumentCount);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>One run, as one process: the remote store, and the catalog with the term index in the local file.</summary>
    private async Task<(IngestReport Report, TermStatistics Statistics, long Passages)> SyncAsync(string corpus)
    {
        using var local = new LocalDatabase(_temp.Combine("data", "catalog.db"));
        using var remote = new SqlitePassageCollection(new LocalDatabase(_temp.Combine("remote", "store.db")));
        var terms = new LocalTermIndex(local);
        using var store = new TermIndexedPassageCollection(remote, terms);
        var synchronizer = new CorpusSynchronizer(store, new ArticleCatalog(local), new HashingEmbeddingGenerator(), new CorpusFileReader(new CorpusReaderOptions()));
        var report = await synchronizer.SyncAsync([corpus]);
        return (report, await terms.GetTermStatisticsAsync(), await remote.CountPassagesAsync());
    }
}
