using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The in-memory keyword index of the embedded store, built from the FTS5 table's documents and kept at the
/// database's generation: a write by this or another process is applied from the change log the vector index uses
/// (<c>vector_changes</c>, which every passage write and delete marks), not by reading every document again.
/// The FTS5 table stays the durable copy; this is a cache of it.
/// </summary>
internal sealed class KeywordIndexCache : IDisposable
{
    private readonly GenerationCache<IndexState> _cache;

    public KeywordIndexCache(LocalDatabase database) => _cache = new GenerationCache<IndexState>(database, RefreshAsync);

    public async Task<KeywordIndex> GetAsync(CancellationToken cancellationToken) =>
        (await _cache.GetAsync(cancellationToken).ConfigureAwait(false)).Index;

    /// <summary>The passage count and document frequencies of the index at the database's generation.</summary>
    public async Task<TermStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
        (await _cache.GetAsync(cancellationToken).ConfigureAwait(false)).Statistics.Value;

    public void Dispose() => _cache.Dispose();

    private static async Task<IndexState> RefreshAsync(SqliteConnection connection, SqliteTransaction snapshot, GenerationCache<IndexState>.Held? held,
        long generation, CancellationToken cancellationToken)
    {
        var index = held?.Value.Index;
        if (index is null || generation < held!.Generation)
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
                held.Generation, cancellationToken).ConfigureAwait(false);
        }
        return new IndexState(index, new Lazy<TermStatistics>(index.Statistics));
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

    /// <summary>The index with its statistics, counted once, when first asked for.</summary>
    private sealed record IndexState(KeywordIndex Index, Lazy<TermStatistics> Statistics) : IDisposable
    {
        public void Dispose() => Index.Dispose();
    }
}
