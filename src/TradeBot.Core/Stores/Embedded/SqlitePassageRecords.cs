using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The embedded store's records: passages with their vectors in SQLite and their analysed terms in the FTS5 keyword
/// index, written together in one transaction, and read by key, by filter or by row id.
/// </summary>
internal sealed class SqlitePassageRecords
{
    /// <summary>A passage whose vector is usable: a blob of whole floats, of the length most passages have.</summary>
    public const string WellFormed = """
        typeof(p.embedding) = 'blob' AND length(p.embedding) > 0
        AND length(p.embedding) = (SELECT length(embedding) FROM passages GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)
        """;

    private const string Columns = "p.rowid, p.id, p.article_id, p.ordinal, p.text, p.title, p.source, p.url, p.published, p.story_id, p.embedding";

    private readonly LocalDatabase _database;
    private readonly string _collectionKey;

    public SqlitePassageRecords(LocalDatabase database, string name)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.AddSchema(SqlitePassageSchema.Schema);
        _database = database;
        _collectionKey = "collection:" + name.Replace("'", string.Empty, StringComparison.Ordinal);
    }

    public async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_database.Path))
        {
            return false;
        }
        return await _database.ReadMetaAsync(_collectionKey, cancellationToken).ConfigureAwait(false) is not null;
    }

    public Task EnsureCollectionExistsAsync(CancellationToken cancellationToken) =>
        WriteAsync($"INSERT OR IGNORE INTO meta(key, value) VALUES ('{_collectionKey}', 'created')", cancellationToken);

    public Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken) =>
        WriteAsync($"DELETE FROM passage_terms; DELETE FROM passages; DELETE FROM meta WHERE key = '{_collectionKey}';", cancellationToken);

    /// <summary>Writes all records in one transaction: either all of them are stored, or none.</summary>
    public Task UpsertAsync(IEnumerable<PassageRecord> records, CancellationToken cancellationToken) =>
        _database.WriteChangeAsync(async (connection, transaction) =>
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO passages(id, article_id, ordinal, text, title, source, url, published, story_id, embedding)
                VALUES ($id, $article, $ordinal, $text, $title, $source, $url, $published, $story, $embedding)
                ON CONFLICT(id) DO UPDATE SET article_id = excluded.article_id, ordinal = excluded.ordinal, text = excluded.text,
                    title = excluded.title, source = excluded.source, url = excluded.url, published = excluded.published,
                    story_id = excluded.story_id, embedding = excluded.embedding
                RETURNING rowid;
                """;
            var parameters = new[] { "$id", "$article", "$ordinal", "$text", "$title", "$source", "$url", "$published", "$story", "$embedding" }
                .Select(n => upsert.Parameters.Add(n, SqliteType.Text)).ToArray();
            await using var index = connection.CreateCommand();
            index.Transaction = transaction;
            index.CommandText = "DELETE FROM passage_terms WHERE rowid = $rowid; INSERT INTO passage_terms(rowid, terms) VALUES ($rowid, $terms);";
            var rowIdParameter = index.Parameters.Add("$rowid", SqliteType.Integer);
            var termsParameter = index.Parameters.Add("$terms", SqliteType.Text);

            foreach (var record in records)
            {
                parameters[0].Value = record.Id.ToString("D");
                parameters[1].Value = record.ArticleId;
                parameters[2].Value = record.Ordinal;
                parameters[3].Value = record.Text;
                parameters[4].Value = record.Title;
                parameters[5].Value = record.Source;
                parameters[6].Value = (object?)record.Url ?? DBNull.Value;
                parameters[7].Value = UnixTime.ToDb(record.Published);
                parameters[8].Value = record.StoryId;
                parameters[9].Value = VectorBlob.ToBytes(record.Embedding.Span);
                rowIdParameter.Value = (long)(await upsert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                termsParameter.Value = PassageTerms.KeywordDocument(record);
                await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task DeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        _database.WriteChangeAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM passage_terms WHERE rowid = (SELECT rowid FROM passages WHERE id = $id); DELETE FROM passages WHERE id = $id;";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            foreach (var value in ids)
            {
                id.Value = value;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>The records matching <paramref name="where"/> (over <c>passages p</c>), in article and passage order.</summary>
    public async IAsyncEnumerable<PassageRecord> QueryAsync(
        string where,
        IReadOnlyList<SqliteParameter> parameters,
        int top,
        int skip,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM passages p WHERE {where} ORDER BY p.article_id, p.ordinal LIMIT $top OFFSET $skip";
        command.Parameters.AddRange(parameters);
        command.Parameters.AddWithValue("$top", top);
        command.Parameters.AddWithValue("$skip", skip);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    /// <summary>The records of the given rows, by row id; rows gone meanwhile are left out.</summary>
    public async Task<Dictionary<long, PassageRecord>> LoadAsync(IEnumerable<long> rowIds, CancellationToken cancellationToken)
    {
        var ids = rowIds.ToList();
        var records = new Dictionary<long, PassageRecord>();
        if (ids.Count == 0)
        {
            return records;
        }
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM passages p WHERE p.rowid IN ({string.Join(',', ids)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records[reader.GetInt64(0)] = Read(reader);
        }
        return records;
    }

    /// <summary>Passages with a usable vector and a keyword entry: a damaged passage counts as missing.</summary>
    public async Task<long> CountPassagesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM passages p WHERE {WellFormed} AND p.rowid IN (SELECT rowid FROM passage_terms)";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Of <paramref name="ids"/>, those stored whole: with a usable vector and a keyword entry.</summary>
    public async Task<IReadOnlySet<Guid>> ContainsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var present = new HashSet<Guid>();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in ids.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT p.id FROM passages p WHERE p.id IN ({string.Join(',', chunk.Select(id => $"'{id:D}'"))}) AND {WellFormed} AND p.rowid IN (SELECT rowid FROM passage_terms)";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                present.Add(Guid.Parse(reader.GetString(0)));
            }
        }
        return present;
    }

    private Task WriteAsync(string sql, CancellationToken cancellationToken) =>
        _database.WriteChangeAsync((connection, transaction) => SqliteCommands.ExecuteAsync(connection, sql, cancellationToken, transaction), cancellationToken);

    private static PassageRecord Read(SqliteDataReader reader) => new()
    {
        Id = Guid.Parse(reader.GetString(1)),
        ArticleId = reader.GetString(2),
        Ordinal = reader.GetInt32(3),
        Text = reader.GetString(4),
        Title = reader.GetString(5),
        Source = reader.GetString(6),
        Url = reader.IsDBNull(7) ? null : reader.GetString(7),
        Published = UnixTime.FromDb(reader.GetValue(8)),
        StoryId = reader.GetString(9),
        Embedding = VectorBlob.FromBytes((byte[])reader.GetValue(10)),
    };
}
