using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The embedded passage store: a <see cref="VectorStoreCollection{TKey, TRecord}"/> on the local SQLite database.
/// Its records (<see cref="SqlitePassageRecords"/>) and its hybrid search (<see cref="SqliteHybridSearch"/>: int4
/// vector scan rescored exactly, BM25 over an in-memory keyword index, reciprocal rank fusion) are kept apart; this class puts them behind the
/// VectorData seams retrieval and ingestion use.
/// </summary>
public sealed class SqlitePassageCollection
    : VectorStoreCollection<Guid, PassageRecord>, IKeywordHybridSearchable<PassageRecord>, ITermStatisticsSource, IPassageStoreInventory, ISearchIndexLoader
{
    /// <inheritdoc cref="SqliteHybridSearch.RrfK"/>
    public const int RrfK = SqliteHybridSearch.RrfK;

    private readonly LocalDatabase _database;
    private readonly SqlitePassageRecords _records;
    private readonly VectorIndexCache _vectors;
    private readonly KeywordIndexCache _keywords;
    private readonly SqliteHybridSearch _search;

    public SqlitePassageCollection(LocalDatabase database, string name = "passages")
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        Name = name;
        _records = new SqlitePassageRecords(database, name);
        _vectors = new VectorIndexCache(database);
        _keywords = new KeywordIndexCache(database);
        _search = new SqliteHybridSearch(database, _records, _vectors, _keywords);
    }

    /// <summary>What the last catch-up of the vector index did, for tests and the benchmark.</summary>
    internal VectorIndexActivity LastIndexActivity => _vectors.LastActivity;

    public override string Name { get; }

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => _records.CollectionExistsAsync(cancellationToken);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => _records.EnsureCollectionExistsAsync(cancellationToken);

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) => _records.EnsureCollectionDeletedAsync(cancellationToken);

    public override async Task<PassageRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        await foreach (var record in _records.QueryAsync("p.id = $id", [new SqliteParameter("$id", key.ToString("D"))], 1, 0, cancellationToken).ConfigureAwait(false))
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
        return _records.QueryAsync(where, parameters, top, options?.Skip ?? 0, cancellationToken);
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Select(k => k.ToString("D")).ToList();
        return ids.Count == 0 ? Task.CompletedTask : _records.DeleteAsync(ids, cancellationToken);
    }

    public override Task UpsertAsync(PassageRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    /// <summary>Writes all records in one transaction: either all of them are stored, or none.</summary>
    public override Task UpsertAsync(IEnumerable<PassageRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return _records.UpsertAsync(records, cancellationToken);
    }

    public override async IAsyncEnumerable<VectorSearchResult<PassageRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<PassageRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var result in await _search.VectorSearchAsync(searchValue, top, options, cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }

    /// <inheritdoc cref="SqliteHybridSearch.HybridSearchAsync"/>
    public async IAsyncEnumerable<VectorSearchResult<PassageRecord>> HybridSearchAsync<TInput>(
        TInput searchValue,
        ICollection<string> keywords,
        int top,
        HybridSearchOptions<PassageRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        foreach (var result in await _search.HybridSearchAsync(searchValue, keywords, top, options, cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }

    /// <inheritdoc cref="SqliteHybridSearch.KeywordSearchAsync"/>
    internal Task<IReadOnlyList<long>> KeywordSearchAsync(ICollection<string> keywords, Expression<Func<PassageRecord, bool>>? filter, int top, CancellationToken cancellationToken) =>
        _search.KeywordSearchAsync(keywords, filter, top, cancellationToken);

    /// <inheritdoc cref="VectorIndexCache.GetAsync"/>
    internal Task<VectorIndex> GetVectorIndexAsync(CancellationToken cancellationToken = default) => _vectors.GetAsync(cancellationToken);

    /// <summary>Reads or builds the vector index and builds the keyword index, side by side.</summary>
    public async Task LoadSearchIndexesAsync(CancellationToken cancellationToken = default)
    {
        // Task.Run: Microsoft.Data.Sqlite's async reads complete synchronously, so each build needs a thread of its own.
        await Task.WhenAll(
            Task.Run(() => _vectors.GetAsync(cancellationToken), cancellationToken),
            Task.Run(() => _keywords.GetAsync(cancellationToken), cancellationToken)).ConfigureAwait(false);
    }

    public Task<TermStatistics> GetTermStatisticsAsync(CancellationToken cancellationToken = default) => _keywords.GetStatisticsAsync(cancellationToken);

    public Task<string?> GetInstanceIdAsync(CancellationToken cancellationToken = default) => _database.ReadMetaAsync("instance_id", cancellationToken);

    /// <inheritdoc cref="SqlitePassageRecords.CountPassagesAsync"/>
    public Task<long> CountPassagesAsync(CancellationToken cancellationToken = default) => _records.CountPassagesAsync(cancellationToken);

    public Task<IReadOnlySet<Guid>> ContainsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _records.ContainsAsync(ids, cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _vectors.Dispose();
            _keywords.Dispose();
        }
        base.Dispose(disposing);
    }
}
