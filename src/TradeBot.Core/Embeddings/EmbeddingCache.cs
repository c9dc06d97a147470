using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace TradeBot.Core.Embeddings;

/// <summary>
/// Passage vectors kept by the text they were computed from and the model that computed them, in a SQLite file of
/// their own beside the store: re-splitting, re-cleaning or rebuilding the store never pays for the model again. A
/// cache that cannot be read or written is skipped; it never fails an ingestion.
/// </summary>
public sealed class EmbeddingCache
{
    private readonly string _connectionString;
    private int _created;

    public EmbeddingCache(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }

    /// <summary>The stored vector of each key, or null where there is none.</summary>
    public float[]?[] Find(IReadOnlyList<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new float[]?[keys.Count];
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT vector FROM embeddings WHERE key = $key";
            var key = command.Parameters.Add("$key", SqliteType.Blob);
            for (var i = 0; i < keys.Count; i++)
            {
                key.Value = keys[i];
                if (command.ExecuteScalar() is byte[] bytes)
                {
                    found[i] = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
                }
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            // An unreadable cache is an empty one: the vectors are computed again.
        }
        return found;
    }

    public void Store(IReadOnlyList<(byte[] Key, float[] Vector)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO embeddings (key, vector) VALUES ($key, $vector)";
            var key = command.Parameters.Add("$key", SqliteType.Blob);
            var vector = command.Parameters.Add("$vector", SqliteType.Blob);
            foreach (var entry in entries)
            {
                key.Value = entry.Key;
                vector.Value = MemoryMarshal.AsBytes(entry.Vector.AsSpan()).ToArray();
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written (read-only folder, full disk) only costs the next run the model again.
        }
    }

    private SqliteConnection Open()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (Interlocked.Exchange(ref _created, 1) == 0)
        {
            using var create = connection.CreateCommand();
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS embeddings (key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID;";
            create.ExecuteNonQuery();
        }
        return connection;
    }
}
