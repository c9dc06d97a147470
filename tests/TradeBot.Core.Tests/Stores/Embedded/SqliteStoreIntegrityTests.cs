using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;
using TradeBot.Core.Articles;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores.Embedded;

/// <summary>
/// A broken store file ends with one line that names the file and what to do (a <see cref="StoreFailureException"/>),
/// never with SQLite's own exception, and is never silently replaced by a new store.
/// </summary>
public sealed class SqliteStoreIntegrityTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _corpus;
    private readonly string _databaseFile;

    public SqliteStoreIntegrityTests()
    {
        _corpus = SeedCorpus.CopyTo(_temp);
        _databaseFile = _temp.Combine("data", "tradebot.db");
    }

    [Fact]
    public async Task Sync_FileIsNotSqlite_FailsNamingTheFile()
    {
        _temp.WriteBytes("data/tradebot.db", RandomBytes(100_000));

        var failure = await SyncFailureAsync();

        Assert.Equal(StoreFailureKind.Unusable, failure.Kind);
        Assert.Contains(_databaseFile, failure.Message, StringComparison.Ordinal);
        Assert.Contains("not a TradeBot database", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public async Task Sync_RandomBytesWrittenIntoTheDatabase_ReportsItDamaged()
    {
        await IngestAsync();
        RawSqlite.Checkpoint(_databaseFile);
        using (var file = File.OpenWrite(_databaseFile))
        {
            // Page 1 (the header and schema) stays; the pages after it are overwritten.
            file.Position = 4096;
            file.Write(RandomBytes((int)Math.Min(1_048_576, new FileInfo(_databaseFile).Length - 4096)));
        }

        var failure = await SyncFailureAsync();

        Assert.Equal(StoreFailureKind.Unusable, failure.Kind);
        Assert.Contains(_databaseFile, failure.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_ZeroByteDatabase_IsReportedNotRecreated()
    {
        _temp.WriteBytes("data/tradebot.db", []);

        var failure = await SyncFailureAsync();

        Assert.Contains("empty (0 bytes)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(_databaseFile).Length);
    }

    [Fact]
    public async Task Sync_FolderWhereTheDatabaseBelongs_FailsNamingIt()
    {
        Directory.CreateDirectory(_databaseFile);

        var failure = await SyncFailureAsync();

        Assert.Contains($"{_databaseFile} is a folder", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_UnknownSchemaVersion_IsRefused()
    {
        await IngestAsync();
        RawSqlite.Execute(_databaseFile, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");

        var failure = await SyncFailureAsync();

        Assert.Equal(StoreFailureKind.Unusable, failure.Kind);
        Assert.Contains("schema version 99", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_DiskFull_FailsSayingSo()
    {
        await IngestAsync();
        var pages = PageCount();
        _temp.WriteText("corpus/more.jsonl", new JsonLinesBuilder().WithSyntheticArticles(300).Build());
        using var database = new LocalDatabase(_databaseFile, maxPageCount: (int)pages + 2);
        var synchronizer = new CorpusSynchronizer(new SqlitePassageCollection(database), new ArticleCatalog(database),
            new HashingEmbeddingGenerator(), new CorpusFileReader(new CorpusReaderOptions()));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => synchronizer.SyncAsync([_corpus]));

        Assert.Equal(StoreFailureKind.NotWritable, failure.Kind);
        Assert.Contains("the disk is full", failure.Message, StringComparison.Ordinal);
        Assert.Contains(_databaseFile, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ReadOnlyDatabase_NamesTheFolderAndTheSetting()
    {
        // Permissions do not stop root (as CI runs), so the real SQLITE_READONLY comes from a read-only connection.
        RawSqlite.Execute(_temp.Combine("readonly.db"), "CREATE TABLE t(x)");
        using var connection = new SqliteConnection($"Data Source={_temp.Combine("readonly.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO t VALUES (1)";
        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        var failure = SqliteFailures.From(error, _databaseFile);

        Assert.Equal(StoreFailureKind.NotWritable, failure.Kind);
        Assert.Contains($"cannot write to the data folder {_temp.Combine("data")}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Corpus:DataPath (--data)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_OneMalformedVector_SkipsItAndVerifyRewritesIt()
    {
        await IngestAsync();
        RawSqlite.Execute(_databaseFile, "UPDATE passages SET embedding = x'01020304' WHERE rowid = (SELECT min(rowid) FROM passages)");
        using var host = new CorpusHost(_temp.Path);

        var answer = await host.AskAsync("What tariff did the US impose on Chinese imports?");
        var check = await new CatalogGuard(host.Catalog, host.Passages).CheckAsync();
        var repair = await host.Synchronizer.SyncAsync([_corpus], verify: true);

        Assert.True(answer.Answered);
        Assert.Equal(1, check!.Missing);
        Assert.NotNull(check.Problem);
        Assert.Equal(1, repair.Repaired);
        Assert.Equal((0, 1), (repair.Added, repair.Updated));
        Assert.Equal(0, repair.Consistency!.Missing);
    }

    public void Dispose() => _temp.Dispose();

    private async Task IngestAsync()
    {
        using var host = new CorpusHost(_temp.Path);
        await host.Synchronizer.SyncAsync([_corpus]);
    }

    private async Task<StoreFailureException> SyncFailureAsync()
    {
        using var host = new CorpusHost(_temp.Path);
        return await Assert.ThrowsAsync<StoreFailureException>(() => host.Synchronizer.SyncAsync([_corpus]));
    }

    private long PageCount()
    {
        using var connection = new SqliteConnection($"Data Source={_databaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        return (long)command.ExecuteScalar()!;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20261122).NextBytes(bytes);
        return bytes;
    }
}
