using Microsoft.Data.Sqlite;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The analysed terms of passages kept in a remote store (Qdrant), indexed locally in the SQLite file so that
/// question terms can be weighted by IDF and misspellings corrected against the corpus vocabulary, whatever the store.
/// </summary>
public sealed class LocalTermIndex(SqliteDatabase database) : ITermStatisticsSource
{
    private readonly Lock _cacheLock = new();
    private (long Generation, TermStatistics Statistics)? _statistics;

    public async Task UpsertAsync(IEnumerable<PassageRecord> passages, CancellationToken cancellationToken = default)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO remote_passages(id) VALUES ($id) ON CONFLICT(id) DO NOTHING;
                DELETE FROM remote_terms WHERE rowid = (SELECT rowid FROM remote_passages WHERE id = $id);
                INSERT INTO remote_terms(rowid, terms) VALUES ((SELECT rowid FROM remote_passages WHERE id = $id), $terms);
                """;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var terms = command.Parameters.Add("$terms", SqliteType.Text);
            foreach (var passage in passages)
            {
                id.Value = passage.Id.ToString("D");
                terms.Value = SqlitePassageCollection.KeywordDocument(passage);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM remote_terms WHERE rowid = (SELECT rowid FROM remote_passages WHERE id = $id);
                DELETE FROM remote_passages WHERE id = $id;
                """;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            foreach (var key in ids)
            {
                id.Value = key.ToString("D");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The statistics, read again when any process changed the index since they were cached.</summary>
    public async Task<TermStatistics> GetTermStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var generation = await SqliteDatabase.ReadGenerationAsync(connection, cancellationToken, snapshot).ConfigureAwait(false);
        lock (_cacheLock)
        {
            if (_statistics is { } cached && cached.Generation == generation)
            {
                return cached.Statistics;
            }
        }
        var statistics = await SqlitePassageCollection.ReadTermStatisticsAsync(connection, "remote_passages", "remote_term_vocabulary", cancellationToken, snapshot).ConfigureAwait(false);
        lock (_cacheLock)
        {
            _statistics = (generation, statistics);
        }
        return statistics;
    }

    private async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteChangeAsync(write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_cacheLock)
            {
                _statistics = null;
            }
        }
    }
}
