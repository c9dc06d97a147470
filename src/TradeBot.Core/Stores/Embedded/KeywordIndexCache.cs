using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The in-memory keyword index of the embedded store, built from the FTS5 table's documents and kept at the
/// database's generation: a write by this or another process is applied from the change log the vector index uses
/// (<c>vector_changes</c>, which every passage write and delete marks), not by reading every document again.
/// The FTS5 table stays the durable copy; this is a cache of it.
/// </summary>
internal sealed class KeywordIndexCache(LocalDatabase database) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IndexState? _current;

    public async Task<KeywordIndex> GetAsync(CancellationToken cancellationToken) =>
        (await StateAsync(cancellationToken).ConfigureAwait(false)).Index;

    /// <summary>The passage count and document frequencies of the index at the database's generation.</summary>
    public async Task<TermStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        var state = await StateAsync(cancellationToken).ConfigureAwait(false);
        return state.Statistics.Value;
    }

    private async Task<IndexState> StateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var generation = await LocalDatabase.ReadGenerationAsync(connection, cancellationToken, snapshot).ConfigureAwait(false);
        if (Volatile.Read(ref _current) is { } current && current.Generation == generation)
        {
            return current;
        }
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && fresh.Generation == generation)
            {
                return fresh;
            }
            var index = _current?.Index;
            if (index is null || generation < _current!.Generation)
            {
                // None yet, or the database went back to an earlier generation (a restored backup): read it all.
                index = new KeywordIndex();
                await LoadAsync(connection, snapshot, index, "SELECT rowid, terms FROM passage_terms", null, cancellationToken).ConfigureAwait(false);
                index.TrimExcess();
            }
            else
            {
                // A row without terms is a deleted passage.
                await LoadAsync(connection, snapshot, index,
                    "SELECT c.rowid, t.terms FROM vector_changes c LEFT JOIN passage_terms t ON t.rowid = c.rowid WHERE c.generation > $from",
                    _current!.Generation, cancellationToken).ConfigureAwait(false);
            }
            var next = new IndexState(index, generation, new Lazy<TermStatistics>(index.Statistics));
            Volatile.Write(ref _current, next);
            return next;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static async Task LoadAsync(SqliteConnection connection, SqliteTransaction snapshot, KeywordIndex index, string query, long? from, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = query;
        if (from is { } generation)
        {
            command.Parameters.AddWithValue("$from", generation);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var rowId = reader.GetInt64(0);
            if (reader.IsDBNull(1))
            {
                index.Remove(rowId);
            }
            else
            {
                index.Set(rowId, reader.GetString(1));
            }
        }
    }

    public void Dispose()
    {
        _current?.Index.Dispose();
        _current = null;
        _lock.Dispose();
    }

    /// <summary>The index at a generation; its statistics are counted once, when first asked for.</summary>
    private sealed record IndexState(KeywordIndex Index, long Generation, Lazy<TermStatistics> Statistics);
}
