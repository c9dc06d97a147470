using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// The ingestion catalog: which articles are in the store, from which file, with which content hash, and which
/// story they belong to; and which files were read, with their size, time and hash. Kept in the local database
/// whatever the passage store is.
/// </summary>
public sealed class ArticleCatalog
{
    internal static LocalSchema Schema { get; } = new("catalog", "articles",
        """
        CREATE TABLE IF NOT EXISTS articles(
            id TEXT PRIMARY KEY,
            origin TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            published INTEGER,
            story_id TEXT NOT NULL,
            passage_count INTEGER NOT NULL,
            vector BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS articles_origin ON articles(origin);
        CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
        CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, modified INTEGER NOT NULL, hash TEXT NOT NULL);
        """);

    private const string Columns = "id, origin, content_hash, title, source, url, published, story_id, passage_count, vector";
    private const string StoreIdKey = "catalog_store_id";

    private readonly LocalDatabase _database;

    public ArticleCatalog(LocalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.AddSchema(Schema);
        _database = database;
    }

    /// <summary>The catalog's database file: with the embedded store, the store's own file as well.</summary>
    public string FilePath => _database.Path;

    /// <summary>The instance id of the store this catalog describes, as recorded when the catalog last matched it.</summary>
    public Task<string?> GetStoreIdAsync(CancellationToken cancellationToken = default) => _database.ReadMetaAsync(StoreIdKey, cancellationToken);

    public Task SetStoreIdAsync(string storeId, CancellationToken cancellationToken = default) => _database.WriteMetaAsync(StoreIdKey, storeId, cancellationToken);

    /// <summary>How many articles the catalog lists, and how many passages it says the store holds for them.</summary>
    public async Task<(int Articles, long Passages)> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(passage_count), 0) FROM articles";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    /// <summary>The count of committed changes to the store's passages and terms, by any process (see <see cref="LocalDatabase"/>).</summary>
    public Task<long> ReadGenerationAsync(CancellationToken cancellationToken = default) => _database.ReadGenerationAsync(cancellationToken);

    /// <summary>How many articles came from feeds (their origin is the feed's address, not a file).</summary>
    public Task<int> CountFromFeedsAsync(CancellationToken cancellationToken = default) =>
        CountArticlesAsync("origin LIKE 'http://%' OR origin LIKE 'https://%'", null, cancellationToken);

    /// <summary>Every article's id, file and passage count, in pages, for a check of what the store holds.</summary>
    public async IAsyncEnumerable<IReadOnlyList<(string Id, string Origin, int PassageCount)>> ArticlePagesAsync(
        int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = string.Empty;
        while (true)
        {
            var page = new List<(string, string, int)>(pageSize);
            await using (var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false))
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT id, origin, passage_count FROM articles WHERE id > $after ORDER BY id LIMIT $limit";
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$limit", pageSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
                }
            }
            if (page.Count == 0)
            {
                yield break;
            }
            yield return page;
            after = page[^1].Item1;
        }
    }

    /// <summary>
    /// Makes the next sync of its file write the article again: the file is read again, and the article's recorded
    /// hash no longer matches, while the other articles of the file stay unchanged (and are not embedded again).
    /// </summary>
    public Task MarkForRewriteAsync(string id, string origin, CancellationToken cancellationToken = default) =>
        _database.WriteAsync("UPDATE articles SET content_hash = '' WHERE id = $id; DELETE FROM files WHERE path = $origin", c =>
        {
            c.Parameters.AddWithValue("$id", id);
            c.Parameters.AddWithValue("$origin", origin);
        }, cancellationToken);

    /// <summary>Forgets every article and file: the next sync ingests everything again. Counted as a change, so other processes check the store against it again.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        _database.WriteChangeAsync((connection, transaction) =>
            SqliteCommands.ExecuteAsync(connection, "DELETE FROM articles; DELETE FROM files;", cancellationToken, transaction), cancellationToken);

    public async Task<FileState?> GetFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT size, modified, hash FROM files WHERE path = $path";
        command.Parameters.AddWithValue("$path", path);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new FileState(path, reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2))
            : null;
    }

    public Task SetFileAsync(FileState state, CancellationToken cancellationToken = default) =>
        _database.WriteAsync("INSERT INTO files(path, size, modified, hash) VALUES ($path, $size, $modified, $hash) ON CONFLICT(path) DO UPDATE SET size = excluded.size, modified = excluded.modified, hash = excluded.hash",
            c =>
            {
                c.Parameters.AddWithValue("$path", state.Path);
                c.Parameters.AddWithValue("$size", state.Size);
                c.Parameters.AddWithValue("$modified", state.Modified);
                c.Parameters.AddWithValue("$hash", state.Hash);
            }, cancellationToken);

    public Task RemoveFileAsync(string path, CancellationToken cancellationToken = default) =>
        _database.WriteAsync("DELETE FROM files WHERE path = $path", c => c.Parameters.AddWithValue("$path", path), cancellationToken);

    /// <summary>Every file recorded at or below a folder (or the file itself).</summary>
    public async Task<IReadOnlyList<string>> FilesUnderAsync(string path, CancellationToken cancellationToken = default)
    {
        var prefix = path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT path FROM files WHERE path = $path OR substr(path, 1, length($prefix)) = $prefix";
        command.Parameters.AddWithValue("$path", path);
        command.Parameters.AddWithValue("$prefix", prefix);
        var files = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            files.Add(reader.GetString(0));
        }
        return files;
    }

    /// <summary>How many articles came from <paramref name="origin"/>, without reading them.</summary>
    public Task<int> CountArticlesFromAsync(string origin, CancellationToken cancellationToken = default) =>
        CountArticlesAsync("origin = $origin", origin, cancellationToken);

    /// <summary>Content hashes and passage counts of the articles that came from one file.</summary>
    public async Task<Dictionary<string, (string Hash, int PassageCount)>> ArticlesFromAsync(string origin, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, content_hash, passage_count FROM articles WHERE origin = $origin";
        command.Parameters.AddWithValue("$origin", origin);
        var articles = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            articles[reader.GetString(0)] = (reader.GetString(1), reader.GetInt32(2));
        }
        return articles;
    }

    /// <summary>How many passages each of the given articles has in the store now; articles not in the catalog are left out.</summary>
    public async Task<Dictionary<string, int>> PassageCountsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return counts;
        }
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, passage_count FROM articles WHERE id IN ({SqliteCommands.InList(command, ids)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return counts;
    }

    public async Task<CatalogEntry?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var entries = await QueryAsync("id = $id", c => c.Parameters.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false);
        return entries.Count > 0 ? entries[0] : null;
    }

    /// <summary>Articles published in a time window, or with no date when <paramref name="from"/> is null.</summary>
    public Task<IReadOnlyList<CatalogEntry>> PublishedBetweenAsync(DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken = default) =>
        from is { } start && to is { } end
            ? QueryAsync("published BETWEEN $from AND $to ORDER BY published DESC LIMIT $limit", c =>
            {
                c.Parameters.AddWithValue("$from", start.ToUnixTimeMilliseconds());
                c.Parameters.AddWithValue("$to", end.ToUnixTimeMilliseconds());
                c.Parameters.AddWithValue("$limit", limit);
            }, cancellationToken)
            : QueryAsync("published IS NULL ORDER BY rowid DESC LIMIT $limit", c => c.Parameters.AddWithValue("$limit", limit), cancellationToken);

    public Task UpsertAsync(IReadOnlyCollection<CatalogEntry> entries, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO articles({Columns}) VALUES ($id, $origin, $hash, $title, $source, $url, $published, $story, $count, $vector)
                ON CONFLICT(id) DO UPDATE SET origin = excluded.origin, content_hash = excluded.content_hash, title = excluded.title,
                    source = excluded.source, url = excluded.url, published = excluded.published, story_id = excluded.story_id,
                    passage_count = excluded.passage_count, vector = excluded.vector
                """;
            foreach (var entry in entries)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$id", entry.Id);
                command.Parameters.AddWithValue("$origin", entry.Origin);
                command.Parameters.AddWithValue("$hash", entry.ContentHash);
                command.Parameters.AddWithValue("$title", entry.Title);
                command.Parameters.AddWithValue("$source", entry.Source);
                command.Parameters.AddWithValue("$url", (object?)entry.Url ?? DBNull.Value);
                command.Parameters.AddWithValue("$published", UnixTime.ToDb(entry.Published));
                command.Parameters.AddWithValue("$story", entry.StoryId);
                command.Parameters.AddWithValue("$count", entry.PassageCount);
                command.Parameters.AddWithValue("$vector", VectorBlob.ToBytes(entry.Vector));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task RemoveAsync(string id, CancellationToken cancellationToken = default) =>
        _database.WriteAsync("DELETE FROM articles WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), cancellationToken);

    /// <summary>The newest publication date held (by the index on it, whatever the catalog's size); null when no article is dated.</summary>
    public async Task<DateTimeOffset?> NewestPublishedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(published) FROM articles";
        return UnixTime.FromDb(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? DBNull.Value);
    }

    public async Task<(int Count, DateTimeOffset? Earliest, DateTimeOffset? Latest)> SummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), min(published), max(published) FROM articles";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt32(0), UnixTime.FromDb(reader.GetValue(1)), UnixTime.FromDb(reader.GetValue(2)));
    }

    private async Task<IReadOnlyList<CatalogEntry>> QueryAsync(string condition, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM articles WHERE {condition}";
        bind(command);
        var entries = new List<CatalogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new CatalogEntry(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), UnixTime.FromDb(reader.GetValue(6)), reader.GetString(7),
                reader.GetInt32(8), VectorBlob.FromBytes((byte[])reader.GetValue(9))));
        }
        return entries;
    }

    private async Task<int> CountArticlesAsync(string where, string? origin, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM articles WHERE {where}";
        if (origin is not null)
        {
            command.Parameters.AddWithValue("$origin", origin);
        }
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
