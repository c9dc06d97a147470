using Microsoft.Extensions.VectorData;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores.Embedded;

/// <summary>
/// The vector index is a cache of the SQLite file: saved beside it, read back at the next start, caught up from the
/// change log after writes by this or another process, and rebuilt when the saved copy belongs to another store.
/// </summary>
public sealed class VectorIndexPersistenceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string DatabaseFile => Path.Combine(_temp.Path, "store.db");

    [Fact]
    public async Task Search_AfterRestart_ReadsTheSavedIndex()
    {
        using (var first = Open())
        {
            await first.UpsertAsync([Passages.Create("steel", 0, "Steel tariffs imposed."), Passages.Create("soy", 0, "Soybean exports fall.")]);
            Assert.Equal("steel", await NearestAsync(first, "steel tariffs"));
            Assert.Equal(VectorIndexActivity.Rebuilt, first.LastIndexActivity);
        }
        Assert.True(File.Exists(VectorIndexFile.PathFor(DatabaseFile)));

        using var second = Open();

        Assert.Equal("soy", await NearestAsync(second, "soybean exports"));
        Assert.Equal(VectorIndexActivity.LoadedFromFile, second.LastIndexActivity);
    }

    [Fact]
    public async Task LoadSearchIndexes_AfterRestart_ReadsTheSavedIndexBeforeAnySearch()
    {
        using (var first = Open())
        {
            await first.UpsertAsync([Passages.Create("steel", 0, "Steel tariffs imposed."), Passages.Create("soy", 0, "Soybean exports fall.")]);
            await first.LoadSearchIndexesAsync();
            Assert.Equal(VectorIndexActivity.Rebuilt, first.LastIndexActivity);
        }
        using var second = Open();

        await second.LoadSearchIndexesAsync();

        Assert.Equal(VectorIndexActivity.LoadedFromFile, second.LastIndexActivity);
        Assert.Equal(2, (await second.GetTermStatisticsAsync()).DocumentCount);
        Assert.Equal("soy", await NearestAsync(second, "soybean exports"));
    }

    [Fact]
    public async Task Search_AfterWritesByAnotherProcess_CatchesUpWithoutRebuilding()
    {
        using var server = Open();
        await server.UpsertAsync([Passages.Create("steel", 0, "Steel tariffs imposed."), Passages.Create("soy", 0, "Soybean exports fall.")]);
        Assert.Equal("steel", await NearestAsync(server, "steel tariffs"));

        using (var cli = Open())
        {
            await cli.UpsertAsync(Passages.Create("chips", 0, "Semiconductor export controls tighten."));
            await cli.DeleteAsync(PassageIds.For("steel", 0));
            await cli.UpsertAsync(Passages.Create("soy", 0, "Steel tariffs imposed on steel imports."));
        }

        Assert.Equal("soy", await NearestAsync(server, "steel tariffs"));
        Assert.Equal(VectorIndexActivity.CaughtUp, server.LastIndexActivity);
        Assert.Equal("chips", await NearestAsync(server, "semiconductor export controls"));
        Assert.Equal(2, (await server.GetVectorIndexAsync()).Count);
    }

    [Fact]
    public async Task Search_SavedIndexOlderThanTheStore_AppliesTheChangesSinceIt()
    {
        using (var first = Open())
        {
            await first.UpsertAsync(Passages.Create("steel", 0, "Steel tariffs imposed."));
            await NearestAsync(first, "steel");
            await first.UpsertAsync(Passages.Create("soy", 0, "Soybean exports fall."));
        }

        using var second = Open();

        Assert.Equal("soy", await NearestAsync(second, "soybean exports"));
        Assert.Equal(VectorIndexActivity.LoadedFromFile, second.LastIndexActivity);
        Assert.Equal(2, (await second.GetVectorIndexAsync()).Count);
    }

    [Fact]
    public async Task Search_AfterTheRunningStoreIsRestoredFromABackup_FindsWhatTheBackupHolds()
    {
        var backup = Path.Combine(_temp.Path, "backup.db");
        using var server = Open();
        await server.UpsertAsync([Passages.Create("steel", 0, "Steel tariffs imposed."), Passages.Create("soy", 0, "Soybean exports fall.")]);
        Assert.Equal("steel", await NearestAsync(server, "steel tariffs"));
        CopyClosed(DatabaseFile, backup);
        await server.DeleteAsync(PassageIds.For("steel", 0));
        Assert.Equal("soy", await NearestAsync(server, "steel tariffs"));

        CopyClosed(backup, DatabaseFile);

        Assert.Equal("steel", await NearestAsync(server, "steel tariffs"));
        Assert.Equal(2, (await server.GetVectorIndexAsync()).Count);
        Assert.Equal(2, (await server.GetTermStatisticsAsync()).DocumentCount);
    }

    [Fact]
    public async Task Search_SavedIndexOfAnotherStore_IsRebuilt()
    {
        var otherFile = Path.Combine(_temp.Path, "other.db");
        using (var other = new SqlitePassageCollection(new LocalDatabase(otherFile)))
        {
            await other.UpsertAsync(Passages.Create("chips", 0, "Semiconductor export controls tighten."));
            await NearestAsync(other, "chips");
        }
        using (var store = Open())
        {
            await store.UpsertAsync(Passages.Create("steel", 0, "Steel tariffs imposed."));
        }
        File.Copy(VectorIndexFile.PathFor(otherFile), VectorIndexFile.PathFor(DatabaseFile), overwrite: true);

        using var reopened = Open();

        Assert.Equal("steel", await NearestAsync(reopened, "semiconductor export controls"));
        Assert.Equal(VectorIndexActivity.Rebuilt, reopened.LastIndexActivity);
    }

    [Fact]
    public async Task Search_DamagedIndexFile_IsRebuilt()
    {
        using (var first = Open())
        {
            await first.UpsertAsync(Passages.Create("steel", 0, "Steel tariffs imposed."));
            await NearestAsync(first, "steel");
        }
        var file = VectorIndexFile.PathFor(DatabaseFile);
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..40]);

        using var second = Open();

        Assert.Equal("steel", await NearestAsync(second, "steel tariffs"));
        Assert.Equal(VectorIndexActivity.Rebuilt, second.LastIndexActivity);
    }

    [Fact]
    public async Task Search_AfterCollectionDeleted_FindsNothing()
    {
        using var store = Open();
        await store.UpsertAsync(Passages.Create("steel", 0, "Steel tariffs imposed."));
        await NearestAsync(store, "steel");

        await store.EnsureCollectionDeletedAsync();

        Assert.Empty(await store.SearchAsync(TestEmbeddings.Embed("steel"), 3).ToListAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private SqlitePassageCollection Open() => new(new LocalDatabase(DatabaseFile));

    /// <summary>Copies a database file with every pooled connection closed, so that no write-ahead log is left beside either copy.</summary>
    private static void CopyClosed(string from, string to)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var log in new[] { to + "-wal", to + "-shm" }.Where(File.Exists))
        {
            File.Delete(log);
        }
        File.Copy(from, to, overwrite: true);
    }

    private static async Task<string?> NearestAsync(VectorStoreCollection<Guid, PassageRecord> store, string text) =>
        (await store.SearchAsync(TestEmbeddings.Embed(text), 1).ToListAsync()).FirstOrDefault()?.Record.ArticleId;
}
