using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion;

/// <summary>The catalog never claims what the embedded store does not hold: lost passages are noticed and written again.</summary>
public sealed class CatalogConsistencyTests : IDisposable
{
    private const string Question = "What tariff did the US impose on Chinese imports?";

    private readonly TempFolder _temp = new();
    private readonly string _corpus;
    private readonly string _databaseFile;

    public CatalogConsistencyTests()
    {
        _corpus = SeedCorpus.CopyTo(_temp);
        _databaseFile = _temp.Combine("data", "tradebot.db");
    }

    [Fact]
    public async Task SyncAsync_PassagesTableDropped_RebuildsTheStoreAndSaysWhy()
    {
        int passages;
        using (var first = new CorpusHost(_temp.Path))
        {
            passages = (await first.Synchronizer.SyncAsync([_corpus])).Passages;
        }
        RawSqlite.Execute(_databaseFile, "DROP TABLE passages");

        using var host = new CorpusHost(_temp.Path);
        var report = await host.Synchronizer.SyncAsync([_corpus]);

        Assert.Equal((2, 0), (report.Added, report.Unchanged));
        Assert.Contains(report.Warnings, w => w.Contains("holds no usable passages", StringComparison.Ordinal));
        Assert.Equal(passages, (await host.AllPassagesAsync()).Count);
        Assert.Equal(passages, (await host.Passages.GetTermStatisticsAsync()).DocumentCount);
        Assert.Contains("145", (await host.AskAsync(Question)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_PassagesDeletedBehindItsBack_ReportsTheGap()
    {
        using var host = new CorpusHost(_temp.Path);
        await host.Synchronizer.SyncAsync([_corpus]);
        RawSqlite.Execute(_databaseFile, "DELETE FROM passages WHERE ordinal > 0");

        var report = await host.Synchronizer.SyncAsync([_corpus]);

        Assert.True(report.WroteNothing);
        Assert.True(report.Consistency!.HasLargeGap);
        Assert.Contains(report.Warnings, w => w.Contains("ingest --verify", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAsync_Verify_RepairsWhatIsMissingWithoutRewritingTheRest()
    {
        using var host = new CorpusHost(_temp.Path);
        await host.Synchronizer.SyncAsync([_corpus]);
        var damaged = (await host.AllPassagesAsync())[0].ArticleId;
        var damagedPassages = (await host.PassagesOfAsync(damaged)).Count;
        RawSqlite.Execute(_databaseFile, $"DELETE FROM passages WHERE article_id = '{damaged}' AND ordinal = 0");

        var report = await host.Synchronizer.SyncAsync([_corpus], verify: true);

        Assert.Equal(1, report.Repaired);
        Assert.Equal((0, 1, 1), (report.Added, report.Updated, report.Unchanged));
        Assert.Equal(damagedPassages, report.Passages); // only the damaged article was embedded and written again
        Assert.Equal(damagedPassages, (await host.PassagesOfAsync(damaged)).Count);
        Assert.Equal(0, report.Consistency!.Missing);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public async Task SyncAsync_StoreFileReplaced_ResetsTheCatalogOfTheOtherStore()
    {
        using (var host = new CorpusHost(_temp.Path))
        {
            await host.Synchronizer.SyncAsync([_corpus]);
        }
        // Another store's identity under the same catalog, as when a file is restored from elsewhere.
        RawSqlite.Execute(_databaseFile, "UPDATE meta SET value = 'another-store' WHERE key = 'instance_id'");

        using var again = new CorpusHost(_temp.Path);
        var report = await again.Synchronizer.SyncAsync([_corpus]);

        Assert.Equal(2, report.Added);
        Assert.Contains(report.Warnings, w => w.Contains("instance another-store", StringComparison.Ordinal));
        Assert.True((await again.Synchronizer.SyncAsync([_corpus])).WroteNothing);
    }

    public void Dispose() => _temp.Dispose();
}
