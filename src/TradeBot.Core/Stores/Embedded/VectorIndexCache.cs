using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The in-memory vector index of the embedded store, kept at the database's generation so that a write by another
/// process (a CLI ingest) is noticed: brought up to date from the change log (<c>vector_changes</c>) rather than
/// reloaded, started from the index saved beside the database (<see cref="VectorIndexFile"/>) when this process has
/// none (or the database went back to an earlier generation), and rebuilt from every stored vector when neither will do.
/// </summary>
internal sealed class VectorIndexCache : IDisposable
{
    private readonly LocalDatabase _database;
    private readonly GenerationCache<VectorIndex> _cache;

    public VectorIndexCache(LocalDatabase database)
    {
        _database = database;
        _cache = new GenerationCache<VectorIndex>(database, RefreshAsync);
    }

    /// <summary>What the last catch-up did, for tests and the benchmark.</summary>
    public VectorIndexActivity LastActivity { get; private set; }

    public Task<VectorIndex> GetAsync(CancellationToken cancellationToken) => _cache.GetAsync(cancellationToken);

    public void Dispose() => _cache.Dispose();

    private async Task<VectorIndex> RefreshAsync(SqliteConnection connection, SqliteTransaction snapshot, GenerationCache<VectorIndex>.Held? held,
        long generation, CancellationToken cancellationToken)
    {
        var instanceId = await LocalDatabase.ReadMetaAsync(connection, "instance_id", cancellationToken, snapshot).ConfigureAwait(false) ?? string.Empty;
        var file = VectorIndexFile.PathFor(_database.Path);
        // A database at an earlier generation than the index (a restored backup) may hold rows the index dropped
        // since: the log cannot say which, so the index is read again.
        var state = held is not null && held.Generation <= generation ? held : null;
        var activity = VectorIndexActivity.CaughtUp;
        if (state is null && VectorIndexFile.TryLoad(file, instanceId, generation) is { } saved)
        {
            state = new GenerationCache<VectorIndex>.Held(saved.Index, saved.Generation);
            activity = VectorIndexActivity.LoadedFromFile;
        }
        var changes = 0;
        if (state is not null)
        {
            changes = await CatchUpAsync(connection, snapshot, state, cancellationToken).ConfigureAwait(false);
        }
        var index = state?.Value;
        if (index is null || changes < 0)
        {
            // A replaced index is left to the collector, not disposed: a search may still be reading it.
            index = await BuildAsync(connection, snapshot, cancellationToken).ConfigureAwait(false);
            activity = VectorIndexActivity.Rebuilt;
        }
        // Saved after a rebuild, and after catching up on many changes: otherwise the log covers what the file lacks.
        if (activity == VectorIndexActivity.Rebuilt || changes > Math.Max(10_000, index.Count / 10))
        {
            VectorIndexFile.TrySave(file, index, instanceId, generation);
        }
        LastActivity = activity;
        return index;
    }

    /// <summary>Applies the vectors changed since the index's generation; -1 when the index must be rebuilt instead.</summary>
    private static async Task<int> CatchUpAsync(SqliteConnection connection, SqliteTransaction snapshot, GenerationCache<VectorIndex>.Held state,
        CancellationToken cancellationToken)
    {
        var index = state.Value;
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT c.rowid, p.embedding FROM vector_changes c LEFT JOIN passages p ON p.rowid = c.rowid WHERE c.generation > $from";
        command.Parameters.AddWithValue("$from", state.Generation);
        var changes = 0;
        var mismatched = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changes++;
                var rowId = reader.GetInt64(0);
                if (reader.GetValue(1) is not byte[] bytes)
                {
                    index.Remove(rowId);
                }
                else if (bytes.Length > 0 && bytes.Length == index.Dimensions * sizeof(float))
                {
                    index.Set(rowId, MemoryMarshal.Cast<byte, float>(bytes));
                }
                else
                {
                    index.Remove(rowId);
                    mismatched.Add(rowId);
                }
            }
        }
        if (mismatched.Count == 0)
        {
            return changes;
        }
        // A vector of another length is damaged, or the store now holds another embedder's vectors: only the
        // majority length says which, as in a full build.
        return await MajorityLengthAsync(connection, snapshot, cancellationToken).ConfigureAwait(false) == index.Dimensions * sizeof(float) ? changes : -1;
    }

    private static async Task<VectorIndex> BuildAsync(SqliteConnection connection, SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
        var length = await MajorityLengthAsync(connection, snapshot, cancellationToken).ConfigureAwait(false);
        var index = new VectorIndex(length % sizeof(float) == 0 ? length / sizeof(float) : 0);
        if (index.Dimensions == 0)
        {
            return index;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        // A damaged vector (truncated, or of another length) is left out rather than failing every search;
        // CountPassagesAsync counts it as missing, so readiness reports it and `ingest --verify` rewrites it.
        command.CommandText = $"SELECT p.rowid, p.embedding FROM passages p WHERE {SqlitePassageRecords.WellFormed} ORDER BY p.rowid";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            index.Set(reader.GetInt64(0), MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)));
        }
        return index;
    }

    private static async Task<int> MajorityLengthAsync(SqliteConnection connection, SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT length(embedding) FROM passages WHERE typeof(embedding) = 'blob' AND length(embedding) > 0 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long length ? (int)length : 0;
    }
}
