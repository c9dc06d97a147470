using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TradeBot.Core.LocalData;

/// <summary>
/// The local database file: SQLite in WAL mode, one writer at a time, with a <c>meta</c> table of its own (the file's
/// identity, its schema version, a count of changes). Each owner brings its tables as a <see cref="LocalSchema"/>
/// (the embedded passage store, the ingestion catalog and status, the term index beside a remote store); they share
/// the file, so one transaction can change several of them.
/// </summary>
public sealed class LocalDatabase : IDisposable
{
    /// <summary>The layout of <c>meta</c>, which this code reads and writes; a file with a higher version is refused, not guessed at.</summary>
    internal const int SchemaVersion = 1;

    /// <summary>Counts committed changes to passages and term indexes, so that other processes notice them and reload their caches.</summary>
    private const string BumpGenerationSql = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';";

    private const string UpsertMetaSql = "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";

    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    /// <summary>Serialises writers inside this process; SQLite itself serialises writers across processes.</summary>
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>One opener at a time prepares the file: a second one would see the first one's new file while it is still empty.</summary>
    private readonly SemaphoreSlim _prepareLock = new(1, 1);

    private readonly Lock _schemaLock = new();
    private readonly HashSet<string> _owners = new(StringComparer.Ordinal);
    private readonly List<LocalSchema> _unmigrated = [];

    // How many owners were added, and how many of them are migrated (-1 until the file is checked and created).
    private int _added;
    private int _prepared = -1;
    private bool _created;

    public LocalDatabase(string path)
        : this(path, maxPageCount: null)
    {
    }

    /// <summary>With <paramref name="maxPageCount"/>, every connection caps the file's size: how tests provoke a full disk.</summary>
    internal LocalDatabase(string path, int? maxPageCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _connectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;" + (maxPageCount is { } pages ? $" PRAGMA max_page_count={pages};" : string.Empty);
    }

    public string Path { get; }

    /// <summary>
    /// Adds an owner's tables: before the next connection opens, they are created, or migrated to the owner's
    /// version. An owner already added is not added again.
    /// </summary>
    public void AddSchema(LocalSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        lock (_schemaLock)
        {
            if (_owners.Add(schema.Owner))
            {
                _unmigrated.Add(schema);
                Interlocked.Increment(ref _added);
            }
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _prepared) != Volatile.Read(ref _added))
        {
            await PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqliteCommands.ExecuteAsync(connection, _connectionPragmas, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteFailures.From(ex, Path);
        }
        return connection;
    }

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

    /// <summary>One statement, in a transaction of its own.</summary>
    internal Task WriteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            bind(command);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// A write to passages or term indexes: as <see cref="WriteAsync(Func{SqliteConnection, SqliteTransaction, Task}, CancellationToken)"/>,
    /// and it counts a generation in the same transaction, so that other processes on this file notice the change
    /// and reload their caches.
    /// </summary>
    internal Task WriteChangeAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await write(connection, transaction).ConfigureAwait(false);
            await SqliteCommands.ExecuteAsync(connection, BumpGenerationSql, cancellationToken, transaction).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>The number of committed changes to passages and term indexes, by any process.</summary>
    internal static async Task<long> ReadGenerationAsync(SqliteConnection connection, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long generation ? generation : 0;
    }

    /// <summary>The count of committed changes to passages and term indexes, by any process.</summary>
    internal async Task<long> ReadGenerationAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadGenerationAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A value of the <c>meta</c> table, or null.</summary>
    internal static async Task<string?> ReadMetaAsync(SqliteConnection connection, string key, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>A value of the <c>meta</c> table, or null.</summary>
    internal async Task<string?> ReadMetaAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadMetaAsync(connection, key, cancellationToken).ConfigureAwait(false);
    }

    internal Task WriteMetaAsync(string key, string value, CancellationToken cancellationToken) =>
        WriteAsync(UpsertMetaSql, c =>
        {
            c.Parameters.AddWithValue("$key", key);
            c.Parameters.AddWithValue("$value", value);
        }, cancellationToken);

    /// <summary>The <c>meta</c> key under which an owner's schema version is recorded.</summary>
    internal static string VersionKey(string owner) => $"schema_version:{owner}";

    /// <summary>
    /// Checks and creates the file on the first open, then creates or migrates the tables of every owner added since
    /// the last open.
    /// </summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _prepareLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            LocalSchema[] pending;
            int added;
            lock (_schemaLock)
            {
                (pending, added) = ([.. _unmigrated], _added);
            }
            if (_prepared == added)
            {
                return;
            }
            if (!_created)
            {
                LocalDatabaseFile.CheckBeforeOpening(Path);
            }
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_created)
            {
                await LocalDatabaseFile.CheckContentAsync(Path, connection, SchemaVersion, cancellationToken).ConfigureAwait(false);
                await SqliteCommands.ExecuteAsync(connection, $"""
                    PRAGMA journal_mode=WAL;
                    CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '{SchemaVersion}');
                    INSERT OR IGNORE INTO meta(key, value) VALUES ('instance_id', '{Guid.NewGuid():N}');
                    INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', '0');
                    """, cancellationToken).ConfigureAwait(false);
                _created = true;
            }
            foreach (var schema in pending)
            {
                await MigrateAsync(connection, schema, cancellationToken).ConfigureAwait(false);
                lock (_schemaLock)
                {
                    _unmigrated.Remove(schema);
                }
            }
            // An owner added meanwhile keeps the counts apart: it is migrated at the next open.
            Volatile.Write(ref _prepared, added);
        }
        catch (SqliteException ex)
        {
            throw SqliteFailures.From(ex, Path);
        }
        finally
        {
            _prepareLock.Release();
        }
    }

    /// <summary>Brings an owner's tables to its version (the upgrades its file lacks, then its tables as they are now), in one transaction.</summary>
    private async Task MigrateAsync(SqliteConnection connection, LocalSchema schema, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        var recorded = await ReadMetaAsync(connection, VersionKey(schema.Owner), cancellationToken, transaction).ConfigureAwait(false);
        int version;
        if (recorded is null)
        {
            await using var probe = connection.CreateCommand();
            probe.Transaction = transaction;
            probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = $table";
            probe.Parameters.AddWithValue("$table", schema.Table);
            version = (long)(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0 ? 1 : schema.Version;
        }
        else if (!int.TryParse(recorded, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version > schema.Version)
        {
            throw SqliteFailures.UnknownSchema(Path, recorded, schema.Version, schema.Owner);
        }
        foreach (var upgrade in schema.Upgrades.Skip(version - 1))
        {
            await SqliteCommands.ExecuteAsync(connection, upgrade, cancellationToken, transaction).ConfigureAwait(false);
        }
        await SqliteCommands.ExecuteAsync(connection, schema.Create, cancellationToken, transaction).ConfigureAwait(false);
        if (recorded != schema.Version.ToString(CultureInfo.InvariantCulture))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = UpsertMetaSql;
            command.Parameters.AddWithValue("$key", VersionKey(schema.Owner));
            command.Parameters.AddWithValue("$value", schema.Version.ToString(CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        _prepareLock.Dispose();
    }
}
