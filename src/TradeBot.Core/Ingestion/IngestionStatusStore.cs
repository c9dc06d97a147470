using System.Text.Json;
using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// What ingestion remembers besides the catalog, in the same SQLite file, so that the <c>status</c> verb and another run
/// see it too: each feed's validators, polls and failures; the feed items already ingested (by guid and by URL, for
/// deduplication across feeds and polls); the last sync of the corpus folder.
/// </summary>
public sealed class IngestionStatusStore
{
    internal static LocalSchema Schema { get; } = new("ingestion_status", "feed_state",
        """
        CREATE TABLE IF NOT EXISTS feed_state(
            url TEXT PRIMARY KEY, etag TEXT, last_modified INTEGER, last_poll INTEGER, last_success INTEGER, next_poll INTEGER,
            failures INTEGER NOT NULL, last_error TEXT, added INTEGER NOT NULL, item_failures TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS feed_items(key TEXT PRIMARY KEY, article_id TEXT NOT NULL);
        """);

    private const string FolderSyncKey = "corpus_last_sync";
    private const int MaxItemFailures = 20;

    private readonly LocalDatabase _database;

    public IngestionStatusStore(LocalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.AddSchema(Schema);
        _database = database;
    }

    public async Task<FeedState?> GetFeedAsync(string url, CancellationToken cancellationToken = default) =>
        await ReadFeedsAsync("WHERE url = $url", url, cancellationToken).ConfigureAwait(false) is [var state, ..] ? state : null;

    public Task<IReadOnlyList<FeedState>> FeedsAsync(CancellationToken cancellationToken = default) =>
        ReadFeedsAsync("ORDER BY url", null, cancellationToken);

    public async Task SetFeedAsync(FeedState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await _database.WriteAsync("""
            INSERT INTO feed_state(url, etag, last_modified, last_poll, last_success, next_poll, failures, last_error, added, item_failures)
            VALUES ($url, $etag, $modified, $poll, $success, $next, $failures, $error, $added, $items)
            ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, last_poll = excluded.last_poll,
                last_success = excluded.last_success, next_poll = excluded.next_poll, failures = excluded.failures,
                last_error = excluded.last_error, added = excluded.added, item_failures = excluded.item_failures
            """, c =>
        {
            c.Parameters.AddWithValue("$url", state.Url);
            c.Parameters.AddWithValue("$etag", (object?)state.ETag ?? DBNull.Value);
            c.Parameters.AddWithValue("$modified", UnixTime.ToDb(state.LastModified));
            c.Parameters.AddWithValue("$poll", UnixTime.ToDb(state.LastPoll));
            c.Parameters.AddWithValue("$success", UnixTime.ToDb(state.LastSuccess));
            c.Parameters.AddWithValue("$next", UnixTime.ToDb(state.NextPoll));
            c.Parameters.AddWithValue("$failures", state.Failures);
            c.Parameters.AddWithValue("$error", (object?)state.LastError ?? DBNull.Value);
            c.Parameters.AddWithValue("$added", state.Added);
            c.Parameters.AddWithValue("$items", string.Join('\n', state.ItemFailures.Take(MaxItemFailures).Select(f => f.ReplaceLineEndings(" "))));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The article an item with any of these keys (guid, link, canonical URL) became, when one did.</summary>
    public async Task<string?> KnownItemAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        if (keys.Count == 0)
        {
            return null;
        }
        command.CommandText = $"SELECT article_id FROM feed_items WHERE key IN ({SqliteCommands.InList(command, keys)}) LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>Records that the item known by these keys is the article <paramref name="articleId"/>.</summary>
    public async Task RememberItemAsync(IReadOnlyCollection<string> keys, string articleId, CancellationToken cancellationToken = default)
    {
        await _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO feed_items(key, article_id) VALUES ($key, $id) ON CONFLICT(key) DO UPDATE SET article_id = excluded.article_id";
            var key = command.Parameters.Add("$key", SqliteType.Text);
            command.Parameters.AddWithValue("$id", articleId);
            foreach (var value in keys)
            {
                key.Value = value;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task SetFolderSyncAsync(FolderSync sync, CancellationToken cancellationToken = default) =>
        _database.WriteMetaAsync(FolderSyncKey, JsonSerializer.Serialize(sync), cancellationToken);

    public async Task<FolderSync?> GetFolderSyncAsync(CancellationToken cancellationToken = default) =>
        await _database.ReadMetaAsync(FolderSyncKey, cancellationToken).ConfigureAwait(false) is { } json ? JsonSerializer.Deserialize<FolderSync>(json) : null;

    private async Task<IReadOnlyList<FeedState>> ReadFeedsAsync(string condition, string? url, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT url, etag, last_modified, last_poll, last_success, next_poll, failures, last_error, added, item_failures FROM feed_state {condition}";
        if (url is not null)
        {
            command.Parameters.AddWithValue("$url", url);
        }
        var feeds = new List<FeedState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            feeds.Add(new FeedState(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), UnixTime.FromDb(reader.GetValue(2)),
                UnixTime.FromDb(reader.GetValue(3)), UnixTime.FromDb(reader.GetValue(4)), UnixTime.FromDb(reader.GetValue(5)),
                reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8),
                reader.GetString(9).Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }
        return feeds;
    }
}
