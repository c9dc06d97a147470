using System.Linq.Expressions;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Text;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The embedded passage store: a <see cref="VectorStoreCollection{TKey, TRecord}"/> on SQLite with vector search
/// (an int8 scan of every vector in memory, its candidates rescored exactly with the stored floats) and FTS5 BM25
/// keyword search, fused by reciprocal rank fusion for hybrid search.
/// </summary>
public sealed class SqlitePassageCollection(SqliteDatabase database, string name = "passages")
    : VectorStoreCollection<Guid, PassageRecord>, IKeywordHybridSearchable<PassageRecord>, ITermStatisticsSource, IPassageStoreInventory
{
    /// <summary>The usual RRF constant (Cormack et al.); the same value the Qdrant store sends.</summary>
    public const int RrfK = 60;
    private const string Columns = "p.rowid, p.id, p.article_id, p.ordinal, p.text, p.title, p.source, p.url, p.published, p.story_id, p.embedding";

    /// <summary>A passage whose vector is usable: a blob of whole floats, of the length most passages have.</summary>
    private const string WellFormed = """
        typeof(p.embedding) = 'blob' AND length(p.embedding) > 0
        AND length(p.embedding) = (SELECT length(embedding) FROM passages GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)
        """;

    private readonly Lock _cacheLock = new();
    private readonly SemaphoreSlim _indexLock = new(1, 1);

    // Caches are tagged with the database's generation, so a write by another process (a CLI ingest) is noticed.
    // The vector index is brought up to date from the change log rather than reloaded.
    private IndexState? _vectorIndex;
    private (long Generation, TermStatistics Statistics)? _termStatistics;

    /// <summary>Whether the vector index is saved beside the database (and read from there at start).</summary>
    internal bool PersistVectorIndex { get; init; } = true;

    /// <summary>What the last catch-up of the vector index did, for tests and the benchmark.</summary>
    internal VectorIndexActivity LastIndexActivity { get; private set; }

    public override string Name => name;

    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(database.Path))
        {
            return false;
        }
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", CollectionKey);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
    }

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        WriteAsync($"INSERT OR IGNORE INTO meta(key, value) VALUES ('{CollectionKey}', 'created')", cancellationToken);

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        WriteAsync($"DELETE FROM passage_terms; DELETE FROM passages; DELETE FROM meta WHERE key = '{CollectionKey}';", cancellationToken);

    private string CollectionKey => "collection:" + name.Replace("'", string.Empty, StringComparison.Ordinal);

    public override async Task<PassageRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        await foreach (var record in QueryAsync("p.id = $id", [new SqliteParameter("$id", key.ToString("D"))], 1, 0, cancellationToken).ConfigureAwait(false))
        {
            return record;
        }
        return null;
    }

    public override async IAsyncEnumerable<PassageRecord> GetAsync(
        IEnumerable<Guid> keys,
        RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (await GetAsync(key, options, cancellationToken).ConfigureAwait(false) is { } record)
            {
                yield return record;
            }
        }
    }

    public override IAsyncEnumerable<PassageRecord> GetAsync(
        Expression<Func<PassageRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<PassageRecord>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var (where, parameters) = SqlFilterTranslator.Translate(filter);
        return QueryAsync(where, parameters, top, options?.Skip ?? 0, cancellationToken);
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override async Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Select(k => k.ToString("D")).ToList();
        if (ids.Count == 0)
        {
            return;
        }
        await WriteAsync(async (connection, transaction) =>
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
        }, cancellationToken).ConfigureAwait(false);
    }

    public override Task UpsertAsync(PassageRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    /// <summary>Writes all records in one transaction: either all of them are stored, or none.</summary>
    public override async Task UpsertAsync(IEnumerable<PassageRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await WriteAsync(async (connection, transaction) =>
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
                termsParameter.Value = KeywordDocument(record);
                await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async IAsyncEnumerable<VectorSearchResult<PassageRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<PassageRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = AsVector(searchValue);
        var allowed = await AllowedRowIdsAsync(options?.Filter, cancellationToken).ConfigureAwait(false);
        var skip = options?.Skip ?? 0;
        var hits = (await VectorSearchAsync(query, top + skip, allowed, cancellationToken).ConfigureAwait(false)).Skip(skip).ToList();
        var records = await LoadAsync(hits.Select(h => h.RowId), cancellationToken).ConfigureAwait(false);
        foreach (var (rowId, score) in hits)
        {
            if (records.TryGetValue(rowId, out var record) && (options?.ScoreThreshold is not { } threshold || score >= threshold))
            {
                yield return new VectorSearchResult<PassageRecord>(record, score);
            }
        }
    }

    /// <summary>
    /// Hybrid search: BM25 over the analysed <paramref name="keywords"/> and vector search, each taking
    /// several times <paramref name="top"/> candidates, fused by reciprocal rank (k = 60). Scores are RRF scores.
    /// </summary>
    public async IAsyncEnumerable<VectorSearchResult<PassageRecord>> HybridSearchAsync<TInput>(
        TInput searchValue,
        ICollection<string> keywords,
        int top,
        HybridSearchOptions<PassageRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(keywords);
        var skip = options?.Skip ?? 0;
        var candidates = Math.Max(50, (top + skip) * 5);
        var query = AsVector(searchValue);
        var allowed = await AllowedRowIdsAsync(options?.Filter, cancellationToken).ConfigureAwait(false);
        // The two legs run side by side, each on its own connection: the search takes the longer of them, not both.
        // Task.Run, because Microsoft.Data.Sqlite's async methods complete synchronously.
        var keywordSearch = Task.Run(() => KeywordSearchAsync(keywords, options?.Filter, candidates, cancellationToken), cancellationToken);
        var vectorSearch = VectorSearchAsync(query, candidates, allowed, cancellationToken);
        await Task.WhenAll(vectorSearch, keywordSearch).ConfigureAwait(false);
        var vectorHits = await vectorSearch.ConfigureAwait(false);
        var keywordHits = await keywordSearch.ConfigureAwait(false);

        var fused = new Dictionary<long, double>();
        for (var rank = 0; rank < vectorHits.Count; rank++)
        {
            fused[vectorHits[rank].RowId] = fused.GetValueOrDefault(vectorHits[rank].RowId) + (1.0 / (RrfK + rank + 1));
        }
        for (var rank = 0; rank < keywordHits.Count; rank++)
        {
            fused[keywordHits[rank]] = fused.GetValueOrDefault(keywordHits[rank]) + (1.0 / (RrfK + rank + 1));
        }
        var ranked = fused.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Skip(skip).Take(top).ToList();
        var records = await LoadAsync(ranked.Select(r => r.Key), cancellationToken).ConfigureAwait(false);
        foreach (var (rowId, score) in ranked)
        {
            if (records.TryGetValue(rowId, out var record) && (options?.ScoreThreshold is not { } threshold || score >= threshold))
            {
                yield return new VectorSearchResult<PassageRecord>(record, score);
            }
        }
    }

    public async Task<TermStatistics> GetTermStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var generation = await SqliteDatabase.ReadGenerationAsync(connection, cancellationToken, snapshot).ConfigureAwait(false);
        lock (_cacheLock)
        {
            if (_termStatistics is { } cached && cached.Generation == generation)
            {
                return cached.Statistics;
            }
        }
        var statistics = await ReadTermStatisticsAsync(connection, "passages", "passage_vocabulary", cancellationToken, snapshot).ConfigureAwait(false);
        lock (_cacheLock)
        {
            _termStatistics = (generation, statistics);
        }
        return statistics;
    }

    public Task<string?> GetInstanceIdAsync(CancellationToken cancellationToken = default) => database.ReadMetaAsync("instance_id", cancellationToken);

    /// <summary>Passages with a usable vector and a keyword entry: a damaged passage counts as missing.</summary>
    public async Task<long> CountPassagesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM passages p WHERE {WellFormed} AND p.rowid IN (SELECT rowid FROM passage_terms)";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlySet<Guid>> ContainsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var present = new HashSet<Guid>();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Passage count and the document frequency of every term, from an FTS5 vocabulary table.</summary>
    internal static async Task<TermStatistics> ReadTermStatisticsAsync(SqliteConnection connection, string passageTable, string vocabularyTable, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM {passageTable}";
        var count = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        command.CommandText = $"SELECT term, doc FROM {vocabularyTable}";
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            frequencies[reader.GetString(0)] = reader.GetInt32(1);
        }
        return new TermStatistics(count, frequencies);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(SqliteDatabase) ? database
        : null;

    /// <summary>The text the keyword index holds for a passage: its analysed terms and those of its headline.</summary>
    internal static string KeywordDocument(PassageRecord record) =>
        string.Join(' ', TextAnalyzer.Terms(record.Text).Concat(TextAnalyzer.Terms(record.Title)));

    private void Invalidate()
    {
        lock (_cacheLock)
        {
            _termStatistics = null;
        }
    }

    private Task WriteAsync(string sql, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => SqliteDatabase.ExecuteAsync(connection, sql, cancellationToken, transaction), cancellationToken);

    /// <summary>
    /// A write in one transaction that also counts a generation, so other processes reload; the caches of vectors and
    /// term statistics are dropped afterwards, whatever happened.
    /// </summary>
    private async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteChangeAsync(write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Invalidate();
        }
    }

    private static float[] AsVector<TInput>(TInput searchValue)
    {
        var vector = searchValue switch
        {
            ReadOnlyMemory<float> memory => memory.ToArray(),
            float[] array => (float[])array.Clone(),
            Microsoft.Extensions.AI.Embedding<float> embedding => embedding.Vector.ToArray(),
            _ => throw new NotSupportedException($"The embedded store searches by vector (ReadOnlyMemory<float>, float[] or Embedding<float>), not by {typeof(TInput).Name}."),
        };
        return VectorNormalization.ToUnitLength(vector);
    }

    /// <summary>How many quantized candidates are rescored with the exact vectors for <paramref name="top"/> results.</summary>
    internal static int RescoreDepth(int top) => Math.Max(top * 2, top + 50);

    /// <summary>
    /// The <paramref name="top"/> nearest rows by exact cosine: candidates from the int8 index, rescored with the
    /// floats stored in SQLite. Ties are broken by row id, so the order is stable.
    /// </summary>
    private async Task<IReadOnlyList<(long RowId, float Score)>> VectorSearchAsync(float[] query, int top, IReadOnlySet<long>? allowed, CancellationToken cancellationToken)
    {
        var index = await GetVectorIndexAsync(cancellationToken).ConfigureAwait(false);
        if (index.Dimensions == 0)
        {
            return []; // an empty store has no dimensions yet: nothing to find, whatever the query
        }
        var candidates = index.Candidates(query, RescoreDepth(top), allowed);
        if (candidates.Count == 0)
        {
            return [];
        }
        var scored = new List<(long RowId, float Score)>(candidates.Count);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid, embedding FROM passages WHERE rowid IN ({string.Join(',', candidates)})";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetValue(1) is byte[] bytes && bytes.Length == query.Length * sizeof(float))
                {
                    scored.Add((reader.GetInt64(0), TensorPrimitives.Dot(query, MemoryMarshal.Cast<byte, float>(bytes))));
                }
            }
        }
        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.RowId.CompareTo(b.RowId));
        return scored.Count > top ? scored[..top] : scored;
    }

    /// <summary>
    /// The vector index at the database's current generation: the one in memory when it is current; else brought up
    /// to date from the change log (<c>vector_changes</c>), starting from the saved index beside the database when
    /// this process has none; else rebuilt from every stored vector.
    /// </summary>
    internal async Task<VectorIndex> GetVectorIndexAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var generation = await SqliteDatabase.ReadGenerationAsync(connection, cancellationToken, snapshot).ConfigureAwait(false);
        if (Volatile.Read(ref _vectorIndex) is { } current && current.Generation == generation)
        {
            return current.Index;
        }
        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_vectorIndex is { } fresh && fresh.Generation == generation)
            {
                return fresh.Index;
            }
            var instanceId = await ReadMetaAsync(connection, snapshot, "instance_id", cancellationToken).ConfigureAwait(false) ?? string.Empty;
            var file = VectorIndexFile.PathFor(database.Path);
            var state = _vectorIndex;
            var activity = VectorIndexActivity.CaughtUp;
            if (state is null && PersistVectorIndex && VectorIndexFile.TryLoad(file, instanceId, generation) is { } saved)
            {
                state = new IndexState(saved.Index, saved.Generation);
                activity = VectorIndexActivity.LoadedFromFile;
            }
            var changes = 0;
            if (state is not null)
            {
                changes = await CatchUpAsync(connection, snapshot, state, cancellationToken).ConfigureAwait(false);
            }
            if (state is null || changes < 0)
            {
                // A replaced index is left to the collector, not disposed: a search may still be reading it.
                state = new IndexState(await BuildIndexAsync(connection, snapshot, cancellationToken).ConfigureAwait(false), generation);
                activity = VectorIndexActivity.Rebuilt;
            }
            var next = state with { Generation = generation };
            Volatile.Write(ref _vectorIndex, next);
            // Saved after a rebuild, and after catching up on many changes: otherwise the log covers what the file lacks.
            if (PersistVectorIndex && (activity == VectorIndexActivity.Rebuilt || changes > Math.Max(10_000, next.Index.Count / 10)))
            {
                VectorIndexFile.TrySave(file, next.Index, instanceId, generation);
            }
            LastIndexActivity = activity;
            return next.Index;
        }
        finally
        {
            _indexLock.Release();
        }
    }

    /// <summary>Applies the vectors changed since the index's generation; -1 when the index must be rebuilt instead.</summary>
    private static async Task<int> CatchUpAsync(SqliteConnection connection, SqliteTransaction snapshot, IndexState state, CancellationToken cancellationToken)
    {
        var index = state.Index;
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

    private static async Task<VectorIndex> BuildIndexAsync(SqliteConnection connection, SqliteTransaction snapshot, CancellationToken cancellationToken)
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
        command.CommandText = $"SELECT p.rowid, p.embedding FROM passages p WHERE {WellFormed} ORDER BY p.rowid";
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

    private static async Task<string?> ReadMetaAsync(SqliteConnection connection, SqliteTransaction snapshot, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _vectorIndex?.Index.Dispose();
            _vectorIndex = null;
            _indexLock.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed record IndexState(VectorIndex Index, long Generation);

    private async Task<IReadOnlySet<long>?> AllowedRowIdsAsync(Expression<Func<PassageRecord, bool>>? filter, CancellationToken cancellationToken)
    {
        if (filter is null)
        {
            return null;
        }
        var (where, parameters) = SqlFilterTranslator.Translate(filter);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT p.rowid FROM passages p WHERE {where}";
        command.Parameters.AddRange(parameters);
        var allowed = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            allowed.Add(reader.GetInt64(0));
        }
        return allowed;
    }

    internal async Task<IReadOnlyList<long>> KeywordSearchAsync(
        ICollection<string> keywords,
        Expression<Func<PassageRecord, bool>>? filter,
        int top,
        CancellationToken cancellationToken)
    {
        var terms = keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return [];
        }
        var match = string.Join(" OR ", terms.Select(t => $"\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        var (where, parameters) = SqlFilterTranslator.Translate(filter);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = filter is null
            ? "SELECT rowid FROM passage_terms WHERE passage_terms MATCH $match ORDER BY rank LIMIT $top"
            : $"SELECT t.rowid FROM passage_terms t JOIN passages p ON p.rowid = t.rowid WHERE passage_terms MATCH $match AND {where} ORDER BY t.rank LIMIT $top";
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$top", top);
        command.Parameters.AddRange(parameters);
        var hits = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(reader.GetInt64(0));
        }
        return hits;
    }

    private async Task<Dictionary<long, PassageRecord>> LoadAsync(IEnumerable<long> rowIds, CancellationToken cancellationToken)
    {
        var ids = rowIds.ToList();
        var records = new Dictionary<long, PassageRecord>();
        if (ids.Count == 0)
        {
            return records;
        }
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM passages p WHERE p.rowid IN ({string.Join(',', ids)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records[reader.GetInt64(0)] = Read(reader);
        }
        return records;
    }

    private async IAsyncEnumerable<PassageRecord> QueryAsync(
        string where,
        IReadOnlyList<SqliteParameter> parameters,
        int top,
        int skip,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
