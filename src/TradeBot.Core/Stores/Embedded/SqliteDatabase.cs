using Microsoft.Data.Sqlite;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The embedded store's single database file: SQLite in WAL mode, with FTS5 for BM25. Holds the passages, their
/// keyword index, and the ingestion catalog, so that one transaction can change all three.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>The newest schema this code reads and writes; a file with a higher version is refused, not guessed at.</summary>
    internal const int SchemaVersion = 1;

    /// <summary>Counts committed changes to passages and term indexes, so that other processes notice them and reload their caches.</summary>
    private const string BumpGenerationSql = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';";

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private int _initialized;

    public SqliteDatabase(string path)
        : this(path, maxPageCount: null)
    {
    }

    /// <summary>With <paramref name="maxPageCount"/>, every connection caps the file's size: how tests provoke a full disk.</summary>
    internal SqliteDatabase(string path, int? maxPageCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _connectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;" + (maxPageCount is { } pages ? $" PRAGMA max_page_count={pages};" : string.Empty);
    }

    public string Path { get; }

    /// <summary>Serialises writers inside this process; SQLite itself serialises writers across processes.</summary>
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Runs <paramref name="write"/> in one transaction, one writer at a time: all of it is stored, or none.</summary>
    internal async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await write(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw SqliteFailures.From(ex, Path);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// A write to passages or term indexes: as <see cref="WriteAsync"/>, and it counts a generation in the same
    /// transaction, so that other processes on this file notice the change and reload their caches.
    /// </summary>
    internal Task WriteChangeAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await write(connection, transaction).ConfigureAwait(false);
            await ExecuteAsync(connection, BumpGenerationSql, cancellationToken, transaction).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _initialized) == 0)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, _connectionPragmas, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteFailures.From(ex, Path);
        }
        return connection;
    }

    /// <summary>The number of committed changes to passages and term indexes, by any process.</summary>
    internal static async Task<long> ReadGenerationAsync(SqliteConnection connection, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long generation ? generation : 0;
    }

    /// <summary>A value of the <c>meta</c> table, or null.</summary>
    internal async Task<string?> ReadMetaAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    internal Task WriteMetaAsync(string key, string value, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>One opener at a time initialises: a second one would see the first one's new file while it is still empty.</summary>
    private readonly SemaphoreSlim _initializeLock = new(1, 1);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _initialized) == 0)
            {
                await InitializeOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    private async Task InitializeOnceAsync(CancellationToken cancellationToken)
    {
        CheckFile();
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw SqliteFailures.CannotCreateFolder(Path, ex);
        }
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await CheckIntegrityAsync(connection, cancellationToken).ConfigureAwait(false);
            await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw SqliteFailures.From(ex, Path);
        }
        Volatile.Write(ref _initialized, 1);
    }

    /// <summary>What must hold before SQLite touches the file: it is a file, and an empty one is not silently made a new store.</summary>
    private void CheckFile()
    {
        if (Directory.Exists(Path))
        {
            throw SqliteFailures.Folder(Path);
        }
        var file = new FileInfo(Path);
        var wal = new FileInfo(Path + "-wal");
        if (file.Exists && file.Length == 0 && !(wal.Exists && wal.Length > 0))
        {
            throw SqliteFailures.Empty(Path);
        }
    }

    /// <summary>
    /// An existing file must be a sound SQLite database (<c>PRAGMA quick_check</c>) holding a TradeBot schema this
    /// code knows. A new or table-less file passes: it becomes a new store.
    /// </summary>
    private async Task CheckIntegrityAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1)";
        var check = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (check != "ok")
        {
            throw SqliteFailures.Damaged(Path, $"quick_check: {check}");
        }
        command.CommandText = "SELECT count(*), count(*) FILTER (WHERE name = 'meta') FROM sqlite_master WHERE type = 'table'";
        long tables, meta;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (tables, meta) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        if (tables == 0)
        {
            return;
        }
        if (meta == 0)
        {
            throw SqliteFailures.NotADatabaseFile(Path);
        }
        command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string version
            && (!int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number > SchemaVersion))
        {
            throw SqliteFailures.UnknownSchema(Path, version, SchemaVersion);
        }
    }

    private static async Task CreateSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS passages(
                rowid INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                article_id TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                text TEXT NOT NULL,
                title TEXT NOT NULL,
                source TEXT NOT NULL,
                url TEXT,
                published INTEGER,
                story_id TEXT NOT NULL,
                embedding BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id, ordinal);
            CREATE INDEX IF NOT EXISTS passages_published ON passages(published);
            CREATE INDEX IF NOT EXISTS passages_source ON passages(source);
            CREATE VIRTUAL TABLE IF NOT EXISTS passage_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
            CREATE VIRTUAL TABLE IF NOT EXISTS passage_vocabulary USING fts5vocab(passage_terms, 'row');
            CREATE TABLE IF NOT EXISTS articles(
                id TEXT PRIMARY KEY,
                origin TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                title TEXT NOT NULL,
                source TEXT NOT NULL,
                url TEXT,
                published INTEGER,
                story_id TEXT NOT NULL,
                passage_count INTEGER NOT NULL,
                vector BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS articles_origin ON articles(origin);
            CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
            CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, modified INTEGER NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS remote_passages(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
            CREATE VIRTUAL TABLE IF NOT EXISTS remote_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
            CREATE VIRTUAL TABLE IF NOT EXISTS remote_term_vocabulary USING fts5vocab(remote_terms, 'row');
            CREATE TABLE IF NOT EXISTS vector_changes(rowid INTEGER PRIMARY KEY, generation INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS vector_changes_generation ON vector_changes(generation);
            CREATE TRIGGER IF NOT EXISTS passages_vector_inserted AFTER INSERT ON passages BEGIN {LogVectorChange("NEW")} END;
            CREATE TRIGGER IF NOT EXISTS passages_vector_updated AFTER UPDATE OF embedding ON passages BEGIN {LogVectorChange("NEW")} END;
            CREATE TRIGGER IF NOT EXISTS passages_vector_deleted AFTER DELETE ON passages BEGIN {LogVectorChange("OLD")} END;
            INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '{SchemaVersion}');
            INSERT OR IGNORE INTO meta(key, value) VALUES ('instance_id', '{Guid.NewGuid():N}');
            INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', '0');
            """, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The change log the vector index catches up from: the generation in which each passage's vector last changed.
    /// Triggers write it, so every writer of the file keeps it, whatever its code; a write counts the generation
    /// after its own (<see cref="BumpGenerationSql"/> runs at the end of the same transaction).
    /// </summary>
    private static string LogVectorChange(string row) =>
        // DELETE then INSERT, not INSERT OR REPLACE: inside a trigger the outer statement's conflict policy (the
        // passages upsert's) overrides the trigger's own.
        $"DELETE FROM vector_changes WHERE rowid = {row}.rowid; INSERT INTO vector_changes(rowid, generation) VALUES ({row}.rowid, coalesce((SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'generation'), 1));";

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        _initializeLock.Dispose();
    }
}
