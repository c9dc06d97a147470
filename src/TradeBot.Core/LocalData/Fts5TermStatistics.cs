using TradeBot.Core.Stores;

namespace TradeBot.Core.LocalData;

/// <summary>
/// The passage count and the document frequency of every term of an FTS5 keyword index, read from its
/// <c>fts5vocab</c> table. Cached, and read again when any process has changed the database since (its generation).
/// </summary>
internal sealed class Fts5TermStatistics(LocalDatabase database, string passageTable, string vocabularyTable)
{
    private readonly Lock _cacheLock = new();
    private (long Generation, TermStatistics Statistics)? _cached;

    public async Task<TermStatistics> GetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot: the statistics are those of the generation they are cached under.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var generation = await LocalDatabase.ReadGenerationAsync(connection, cancellationToken, snapshot).ConfigureAwait(false);
        lock (_cacheLock)
        {
            if (_cached is { } cached && cached.Generation == generation)
            {
                return cached.Statistics;
            }
        }
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = $"SELECT count(*) FROM {passageTable}";
        var count = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        command.CommandText = $"SELECT term, doc FROM {vocabularyTable}";
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frequencies[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        var statistics = new TermStatistics(count, frequencies);
        lock (_cacheLock)
        {
            _cached = (generation, statistics);
        }
        return statistics;
    }
}
