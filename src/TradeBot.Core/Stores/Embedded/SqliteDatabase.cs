using Microsoft.Data.Sqlite;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The embedded store's single database file: SQLite in WAL mode, with FTS5 for BM25. Holds the passages, their
/// keyword index, and the ingestion catalog, so that one transaction can change all three.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly string _connectionString;
    private int _initialized;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
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
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _initialized) == 0)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
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
            INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '{SchemaVersion}');
            """, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _initialized, 1);
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _writeLock.Dispose();
}
