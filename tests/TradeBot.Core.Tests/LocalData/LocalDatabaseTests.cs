using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.LocalData;

/// <summary>Owners bring their tables to the one database file; each owner's version is recorded and its upgrades run once.</summary>
public sealed class LocalDatabaseTests : IDisposable
{
    private static readonly LocalSchema s_notesV1 = new("notes", "notes", "CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL);");

    private static readonly LocalSchema s_notesV2 = new("notes", "notes",
        "CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL, author TEXT NOT NULL DEFAULT '');",
        ["ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT '';"]);

    private readonly TempFolder _temp = new();
    private readonly string _file;

    public LocalDatabaseTests()
    {
        _file = _temp.Combine("data", "local.db");
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
    }

    [Fact]
    public async Task OpenAsync_NewFile_CreatesTheOwnersTablesAtTheirVersion()
    {
        using var database = Open(s_notesV2);

        await database.WriteAsync("INSERT INTO notes(text, author) VALUES ('a', 'b')", _ => { }, CancellationToken.None);

        Assert.Equal("2", await database.ReadMetaAsync(LocalDatabase.VersionKey("notes"), CancellationToken.None));
        Assert.Equal("1", await database.ReadMetaAsync("schema_version", CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_OlderVersion_RunsTheUpgradeOnceAndKeepsTheRows()
    {
        using (var first = Open(s_notesV1))
        {
            await first.WriteAsync("INSERT INTO notes(text) VALUES ('kept')", _ => { }, CancellationToken.None);
        }
        SqliteConnection.ClearAllPools();

        using (var upgraded = Open(s_notesV2))
        {
            await upgraded.WriteAsync("UPDATE notes SET author = 'me'", _ => { }, CancellationToken.None);
        }
        SqliteConnection.ClearAllPools();
        // A second run of ALTER TABLE ... ADD COLUMN would fail (duplicate column): the upgrade is not run again.
        using var again = Open(s_notesV2);

        Assert.Equal(("kept", "me"), await ReadNoteAsync(again));
        Assert.Equal("2", await again.ReadMetaAsync(LocalDatabase.VersionKey("notes"), CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_TableFromBeforeVersions_IsVersionOneAndUpgraded()
    {
        RawSqlite.Execute(_file, """
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('schema_version', '1');
            CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL);
            INSERT INTO notes(text) VALUES ('old');
            """);
        using var database = Open(s_notesV2);

        await database.WriteAsync("UPDATE notes SET author = 'upgraded'", _ => { }, CancellationToken.None);

        Assert.Equal(("old", "upgraded"), await ReadNoteAsync(database));
    }

    [Fact]
    public async Task OpenAsync_OwnerVersionNewerThanThisCode_IsRefusedNamingTheOwner()
    {
        using (var newer = Open(s_notesV2))
        {
            await newer.ReadMetaAsync("instance_id", CancellationToken.None);
        }
        using var older = Open(s_notesV1);

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => older.OpenAsync());

        Assert.Equal(StoreFailureKind.Unusable, failure.Kind);
        Assert.Contains("schema version 2 of its notes tables", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_OwnerAddedAfterTheFirstOpen_GetsItsTablesAtTheNextOpen()
    {
        using var database = new LocalDatabase(_file);
        await database.ReadMetaAsync("instance_id", CancellationToken.None);

        database.AddSchema(s_notesV1);
        await database.WriteAsync("INSERT INTO notes(text) VALUES ('late')", _ => { }, CancellationToken.None);

        Assert.Equal("1", await database.ReadMetaAsync(LocalDatabase.VersionKey("notes"), CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_ManyFirstOpensAtOnce_EveryOneFindsTheTables()
    {
        using var database = Open(s_notesV1);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await using var connection = await database.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM notes";
            await command.ExecuteScalarAsync();
        })));
    }

    public void Dispose() => _temp.Dispose();

    private LocalDatabase Open(LocalSchema schema)
    {
        var database = new LocalDatabase(_file);
        database.AddSchema(schema);
        return database;
    }

    private static async Task<(string Text, string Author)> ReadNoteAsync(LocalDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT text, author FROM notes";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }
}
