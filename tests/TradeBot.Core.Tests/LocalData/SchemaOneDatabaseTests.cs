using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core.Ingestion;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.LocalData;

/// <summary>
/// A data folder written before the local database had owners and versions: <c>Data/schema1</c> was made by the code
/// of commit dc8fa1e (one <c>SqliteDatabase</c> creating every table, <c>meta.schema_version</c> 1), which ingested the
/// seed corpus from <see cref="LegacyCorpus"/> with the built-in embedder, saved the vector index beside the database,
/// recorded one feed's state, one feed item and the folder sync, and filled the term index with the same passages.
/// Opened by this code, every owner finds its rows, and nothing is written again.
/// </summary>
public sealed class SchemaOneDatabaseTests : IDisposable
{
    private const string LegacyCorpus = "/tmp/localdb-fixture/corpus";
    private const string LegacyInstanceId = "3ef84384c4ad4dc0bd49b617846291ef";

    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public SchemaOneDatabaseTests()
    {
        _corpus = SeedCorpus.CopyTo(_temp);
        var data = Directory.CreateDirectory(_temp.Combine("data")).FullName;
        using (var packed = new GZipStream(File.OpenRead(Fixture("tradebot.db.gz")), CompressionMode.Decompress))
        using (var database = File.Create(Path.Combine(data, "tradebot.db")))
        {
            packed.CopyTo(database);
        }
        File.Copy(Fixture("tradebot.db.vectors"), Path.Combine(data, "tradebot.db.vectors"));
        // The corpus folder moved with the data folder: the catalog's file paths follow it, as a user's rename would.
        RawSqlite.Execute(Path.Combine(data, "tradebot.db"), $"""
            UPDATE files SET path = replace(path, '{LegacyCorpus}', '{_corpus}');
            UPDATE articles SET origin = replace(origin, '{LegacyCorpus}', '{_corpus}');
            """);
    }

    [Fact]
    public async Task Open_SchemaOneStore_KeepsPassagesVectorsAndCatalogAndWritesNothingAgain()
    {
        using var host = new CorpusHost(_temp.Path);

        var index = await host.Passages.GetVectorIndexAsync();
        var activity = host.Passages.LastIndexActivity;
        var catalog = await host.Catalog.CountAsync();
        var report = await host.Synchronizer.SyncAsync([_corpus]);
        var answer = await host.AskAsync("What tariff did the US impose on Chinese imports?");

        Assert.Equal(10, index.Count);
        Assert.Equal(VectorIndexActivity.Rebuilt, activity); // the fixture's index file holds int8 codes (format 1): rebuilt as int4
        Assert.Equal((2, 10L), catalog);
        Assert.Equal((0, 0, 0, 2), (report.Added, report.Updated, report.Removed, report.Unchanged));
        Assert.Empty(report.Warnings);
        Assert.Equal(0, report.Consistency!.Missing);
        Assert.Equal(10, (await host.Passages.GetTermStatisticsAsync()).DocumentCount);
        Assert.Equal(LegacyInstanceId, await host.Passages.GetInstanceIdAsync());
        Assert.True(answer.Answered);
        Assert.Contains("145", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_SchemaOneStore_KeepsIngestionStatusAndTermIndex()
    {
        using var host = new CorpusHost(_temp.Path);
        var database = host.Services.GetRequiredService<LocalDatabase>();
        var status = host.Services.GetRequiredService<IngestionStatusStore>();

        var feed = await status.GetFeedAsync("https://news.example/feed.xml");
        var item = await status.KnownItemAsync(["https://news.example/a"]);
        var folderSync = await status.GetFolderSyncAsync();
        var terms = await new LocalTermIndex(database).GetTermStatisticsAsync();

        Assert.Equal(("\"v1\"", 3), (feed!.ETag, feed.Added));
        Assert.Equal("feed-article-a", item);
        Assert.Equal(2, folderSync!.Added);
        Assert.Equal(10, terms.DocumentCount);
    }

    [Fact]
    public async Task Open_SchemaOneStore_RecordsEveryOwnersVersionAndKeepsTheFileVersion()
    {
        using (var host = new CorpusHost(_temp.Path))
        {
            await host.Synchronizer.SyncAsync([_corpus]);
            _ = new LocalTermIndex(host.Services.GetRequiredService<LocalDatabase>());
            _ = host.Services.GetRequiredService<IngestionStatusStore>();
            await host.Catalog.CountAsync();
        }
        using var database = new LocalDatabase(_temp.Combine("data", "tradebot.db"));

        Assert.Equal("1", await database.ReadMetaAsync("schema_version", CancellationToken.None));
        // The passages' one upgrade drops the fts5vocab table the term statistics no longer come from.
        foreach (var (owner, version) in new[] { ("passages", "2"), ("catalog", "1"), ("ingestion_status", "1"), ("term_index", "1") })
        {
            Assert.Equal(version, await database.ReadMetaAsync(LocalDatabase.VersionKey(owner), CancellationToken.None));
        }
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'passage_vocabulary'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    public void Dispose() => _temp.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "schema1", name);
}
