using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// The analysed terms of passages kept in a remote store (Qdrant), indexed locally in the SQLite file so that
/// question terms can be weighted by IDF and misspellings corrected against the corpus vocabulary, whatever the store.
/// <see cref="TermIndexedPassageCollection"/> keeps it in step with the store.
/// </summary>
public sealed class LocalTermIndex : ITermStatisticsSource, IPassageMirror
{
    internal static LocalSchema Schema { get; } = new("term_index", "remote_passages",
        """
        CREATE TABLE IF NOT EXISTS remote_passages(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
        CREATE VIRTUAL TABLE IF NOT EXISTS remote_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
        CREATE VIRTUAL TABLE IF NOT EXISTS remote_term_vocabulary USING fts5vocab(remote_terms, 'row');
        """);

    private readonly LocalDatabase _database;
    private readonly Fts5TermStatistics _statistics;

    public LocalTermIndex(LocalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.AddSchema(Schema);
        _database = database;
        _statistics = new Fts5TermStatistics(database, "remote_passages", "remote_term_vocabulary");
    }

    public Task UpsertAsync(IEnumerable<PassageRecord> passages, CancellationToken cancellationToken = default) =>
        _database.WriteChangeAsync(async (connection, transaction) =>
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
                terms.Value = PassageTerms.KeywordDocument(passage);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task DeleteAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default) =>
        _database.WriteChangeAsync(async (connection, transaction) =>
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
        }, cancellationToken);

    /// <summary>Forgets every passage's terms.</summary>
    public Task ClearAsync(CancellationToken cancellationToken = default) =>
        _database.WriteChangeAsync((connection, transaction) =>
            SqliteCommands.ExecuteAsync(connection, "DELETE FROM remote_terms; DELETE FROM remote_passages;", cancellationToken, transaction), cancellationToken);

    /// <summary>The statistics, read again when any process changed the index since they were cached.</summary>
    public Task<TermStatistics> GetTermStatisticsAsync(CancellationToken cancellationToken = default) => _statistics.GetAsync(cancellationToken);
}
