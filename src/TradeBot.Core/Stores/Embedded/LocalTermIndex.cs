using Microsoft.Data.Sqlite;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The analysed terms of passages kept in a remote store (Qdrant), indexed locally in the SQLite file so that
/// question terms can be weighted by IDF and misspellings corrected against the corpus vocabulary, whatever the store.
/// </summary>
public sealed class LocalTermIndex(SqliteDatabase database) : ITermStatisticsSource
{
    private readonly Lock _cacheLock = new();
    private TermStatistics? _statistics;

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

    public async Task<TermStatistics> GetTermStatisticsAsync(CancellationToken cancellationToken = default)
    {
        lock (_cacheLock)
        {
            if (_statistics is { } cached)
            {
                return cached;
            }
        }
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var statistics = await SqlitePassageCollection.ReadTermStatisticsAsync(connection, "remote_passages", "remote_term_vocabulary", cancellationToken).ConfigureAwait(false);
        lock (_cacheLock)
        {
            _statistics = statistics;
        }
        return statistics;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SqliteDatabase.ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS remote_passages(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
            CREATE VIRTUAL TABLE IF NOT EXISTS remote_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
            CREATE VIRTUAL TABLE IF NOT EXISTS remote_term_vocabulary USING fts5vocab(remote_terms, 'row');
            """, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        await database.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await write(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_cacheLock)
            {
                _statistics = null;
            }
            database.WriteLock.Release();
        }
    }
}
