using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores.Qdrant.Api;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// The passage collection on Qdrant: one named dense vector (cosine) and one named sparse vector with the IDF
/// modifier, payload indexes for the filters, deterministic UUID point ids. Implements the same Microsoft.Extensions.VectorData
/// seams as the embedded store, so retrieval does not know which store it runs on.
/// </summary>
internal sealed class QdrantPassageCollection : VectorStoreCollection<Guid, PassageRecord>, IKeywordHybridSearchable<PassageRecord>, IPassageStoreInventory
{
    private const int GetBatchSize = 256;
    private const int ScrollPageSize = 256;
    private const string ReindexAdvice = "Re-index: delete the collection (or set VectorStore:Qdrant:CollectionName to a new name) and run ingestion again with the re-index option, so every passage is embedded with the configured embedder.";

    private static readonly (string Field, string Schema)[] s_payloadIndexes =
    [
        (QdrantNames.ArticleId, "keyword"),
        (QdrantNames.Source, "keyword"),
        (QdrantNames.Published, "datetime"),
        (QdrantNames.StoryId, "keyword"),
    ];

    private readonly QdrantRestClient _client;
    private readonly QdrantOptions _options;
    private readonly QdrantEmbedderInfo _embedder;
    private readonly ILogger _logger;
    private readonly VectorStoreCollectionMetadata _metadata;
    private volatile bool _verified;

    public QdrantPassageCollection(QdrantRestClient client, QdrantOptions options, QdrantEmbedderInfo embedder, ILogger<QdrantPassageCollection> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _options = options;
        _embedder = embedder;
        _logger = logger;
        _metadata = new VectorStoreCollectionMetadata
        {
            VectorStoreSystemName = "qdrant",
            VectorStoreName = options.Endpoint?.GetLeftPart(UriPartial.Authority),
            CollectionName = options.CollectionName,
        };
    }

    public override string Name => _options.CollectionName;

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        _client.CollectionExistsAsync(Name, cancellationToken);

    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        if (!await _client.CollectionExistsAsync(Name, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _client.CreateCollectionAsync(Name, CreateRequest(), cancellationToken).ConfigureAwait(false);
                QdrantLog.CollectionCreated(_logger, Name, _embedder.Name, _embedder.Dimension);
            }
            catch (QdrantException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // Another process created it first; the checks below decide whether it fits.
            }
        }
        // Indexes are idempotent to create; creating them every time also repairs a collection missing one.
        foreach (var (field, schema) in s_payloadIndexes)
        {
            await _client.CreatePayloadIndexAsync(Name, new CreateFieldIndexRequest(field, schema), cancellationToken).ConfigureAwait(false);
        }
        _verified = false;
        await VerifyAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        if (await _client.DeleteCollectionAsync(Name, cancellationToken).ConfigureAwait(false))
        {
            QdrantLog.CollectionDeleted(_logger, Name);
        }
        _verified = false;
    }

    public override async Task<PassageRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var points = await _client.GetPointsAsync(Name, new GetPointsRequest([key], WithPayload: true, options?.IncludeVectors ?? false), cancellationToken).ConfigureAwait(false);
        return points.Count == 0 ? null : ToRecord(points[0]);
    }

    public override async IAsyncEnumerable<PassageRecord> GetAsync(IEnumerable<Guid> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var chunk in keys.Distinct().Chunk(GetBatchSize))
        {
            var points = await _client.GetPointsAsync(Name, new GetPointsRequest(chunk, WithPayload: true, options?.IncludeVectors ?? false), cancellationToken).ConfigureAwait(false);
            foreach (var point in points)
            {
                yield return ToRecord(point);
            }
        }
    }

    public override async IAsyncEnumerable<PassageRecord> GetAsync(Expression<Func<PassageRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<PassageRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<PassageRecord>();
        if (options.OrderBy is not null)
        {
            throw new NotSupportedException("The Qdrant passage store does not support OrderBy in filtered gets; results come in point-id order.");
        }
        var qdrantFilter = QdrantFilterTranslator.Translate(filter);
        var skip = options.Skip;
        var returned = 0;
        Guid? offset = null;
        do
        {
            var page = await _client.ScrollAsync(Name, new ScrollRequest
            {
                Filter = qdrantFilter,
                Limit = Math.Min(ScrollPageSize, skip + top - returned),
                Offset = offset,
                WithPayload = true,
                WithVector = options.IncludeVectors,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var point in page.Points)
            {
                if (skip > 0)
                {
                    skip--;
                    continue;
                }
                yield return ToRecord(point);
                if (++returned == top)
                {
                    yield break;
                }
            }
            offset = page.NextPageOffset;
        }
        while (offset is not null);
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override async Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var chunk in keys.Distinct().Chunk(_options.UpsertBatchSize))
        {
            await _client.DeletePointsAsync(Name, new DeletePointsRequest { Points = chunk }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every passage of an article with one server-side filter.</summary>
    public async Task DeleteArticleAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(articleId);
        var filter = QdrantFilterTranslator.Translate(r => r.ArticleId == articleId);
        await _client.DeletePointsAsync(Name, new DeletePointsRequest { Filter = filter }, cancellationToken).ConfigureAwait(false);
    }

    public override Task UpsertAsync(PassageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    public override async Task UpsertAsync(IEnumerable<PassageRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await EnsureVerifiedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in records.Chunk(_options.UpsertBatchSize))
        {
            var points = chunk.Select(r => QdrantPassageMapper.ToPoint(r, _embedder.Dimension)).ToList();
            await _client.UpsertPointsAsync(Name, new UpsertPointsRequest(points), cancellationToken).ConfigureAwait(false);
            QdrantLog.Upserted(_logger, points.Count, Name);
        }
    }

    public override IAsyncEnumerable<VectorSearchResult<PassageRecord>> SearchAsync<TInput>(TInput searchValue, int top, VectorSearchOptions<PassageRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<PassageRecord>();
        var request = new QueryRequest
        {
            Query = new QueryInput.Dense(DenseVector(searchValue)),
            Using = QdrantNames.DenseVector,
            Filter = QdrantFilterTranslator.Translate(options.Filter),
        };
        return QueryAsync(request, options.ScoreThreshold, top, options.Skip, options.IncludeVectors, cancellationToken);
    }

    public IAsyncEnumerable<VectorSearchResult<PassageRecord>> HybridSearchAsync<TInput>(TInput searchValue, ICollection<string> keywords, int top, HybridSearchOptions<PassageRecord>? options = null, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new HybridSearchOptions<PassageRecord>();
        var filter = QdrantFilterTranslator.Translate(options.Filter);
        var candidates = Math.Max(_options.PrefetchLimit, top + options.Skip);
        var prefetch = new List<Prefetch>
        {
            new() { Query = new QueryInput.Dense(DenseVector(searchValue)), Using = QdrantNames.DenseVector, Filter = filter, Limit = candidates },
        };
        var sparse = SparseTermEncoder.ForQuery(keywords);
        if (sparse.Indices.Count > 0)
        {
            prefetch.Add(new() { Query = new QueryInput.Sparse(sparse), Using = QdrantNames.SparseVector, Filter = filter, Limit = candidates });
        }
        // The filter sits on each prefetch (where it narrows the candidates) and on the fused query as well.
        var request = new QueryRequest { Prefetch = prefetch, Query = new QueryInput.Rrf(_options.RrfK), Filter = filter };
        return QueryAsync(request, options.ScoreThreshold, top, options.Skip, options.IncludeVectors, cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    private CreateCollectionRequest CreateRequest() => new(
        new Dictionary<string, DenseVectorParams> { [QdrantNames.DenseVector] = new(_embedder.Dimension, "Cosine") },
        new Dictionary<string, SparseVectorParams> { [QdrantNames.SparseVector] = new("idf") },
        new JsonObject
        {
            [QdrantNames.MetadataSchemaVersion] = QdrantNames.SchemaVersion,
            [QdrantNames.MetadataEmbedder] = _embedder.Name,
            [QdrantNames.MetadataDimension] = _embedder.Dimension,
            [QdrantNames.MetadataInstanceId] = Guid.NewGuid().ToString("N"),
        });

    public async Task<string?> GetInstanceIdAsync(CancellationToken cancellationToken = default)
    {
        var metadata = (await _client.GetCollectionAsync(Name, cancellationToken).ConfigureAwait(false)).Config?.Metadata;
        return metadata?[QdrantNames.MetadataInstanceId]?.GetValueKind() == JsonValueKind.String ? metadata[QdrantNames.MetadataInstanceId]!.GetValue<string>() : null;
    }

    /// <summary>Qdrant's own count of the collection's points (every point is a passage).</summary>
    public async Task<long> CountPassagesAsync(CancellationToken cancellationToken = default) =>
        (await _client.GetCollectionAsync(Name, cancellationToken).ConfigureAwait(false)).PointsCount ?? 0;

    public async Task<IReadOnlySet<Guid>> ContainsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var present = new HashSet<Guid>();
        foreach (var chunk in ids.Distinct().Chunk(GetBatchSize))
        {
            var points = await _client.GetPointsAsync(Name, new GetPointsRequest(chunk, WithPayload: false, WithVector: false), cancellationToken).ConfigureAwait(false);
            present.UnionWith(points.Select(p => p.Id));
        }
        return present;
    }

    private async Task EnsureVerifiedAsync(CancellationToken cancellationToken)
    {
        if (!_verified)
        {
            await VerifyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the collection back and refuses one built for another embedder, dimension or sparse setup (the server
    /// silently ignores misspelt settings, so the read-back is the only proof they were taken).
    /// </summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        const string operation = "verify collection";
        var info = await _client.GetCollectionAsync(Name, cancellationToken).ConfigureAwait(false);
        var metadata = info.Config?.Metadata;
        var embedder = metadata?[QdrantNames.MetadataEmbedder]?.GetValueKind() == JsonValueKind.String ? metadata[QdrantNames.MetadataEmbedder]!.GetValue<string>() : null;
        var dimension = metadata?[QdrantNames.MetadataDimension]?.GetValueKind() == JsonValueKind.Number ? metadata[QdrantNames.MetadataDimension]!.GetValue<int>() : (int?)null;
        if (embedder != _embedder.Name || dimension != _embedder.Dimension)
        {
            var built = embedder is null ? "without TradeBot's embedder metadata" : $"for embedder '{embedder}' with dimension {dimension}";
            throw new QdrantException(QdrantErrorKind.EmbedderMismatch, operation,
                $"Qdrant collection '{Name}' was built {built}, but TradeBot is configured with embedder '{_embedder.Name}' (dimension {_embedder.Dimension}). {ReindexAdvice}");
        }
        var vectors = info.Config?.Params?.Vectors;
        if (vectors is not { ValueKind: JsonValueKind.Object } v
            || !v.TryGetProperty(QdrantNames.DenseVector, out var dense)
            || !dense.TryGetProperty("size", out var size) || size.GetInt32() != _embedder.Dimension
            || !dense.TryGetProperty("distance", out var distance) || distance.GetString() != "Cosine")
        {
            throw new QdrantException(QdrantErrorKind.EmbedderMismatch, operation,
                $"Qdrant collection '{Name}' has no cosine dense vector '{QdrantNames.DenseVector}' of size {_embedder.Dimension}. {ReindexAdvice}");
        }
        if (info.Config?.Params?.SparseVectors?.GetValueOrDefault(QdrantNames.SparseVector)?.Modifier != "idf")
        {
            throw new QdrantException(QdrantErrorKind.EmbedderMismatch, operation,
                $"Qdrant collection '{Name}' has no sparse vector '{QdrantNames.SparseVector}' with the idf modifier, so keyword ranking would be wrong. {ReindexAdvice}");
        }
        _verified = true;
    }

    private async IAsyncEnumerable<VectorSearchResult<PassageRecord>> QueryAsync(QueryRequest request, double? scoreThreshold, int top, int skip, bool includeVectors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureVerifiedAsync(cancellationToken).ConfigureAwait(false);
        var paged = request with
        {
            ScoreThreshold = scoreThreshold is { } threshold ? (float)threshold : null,
            Limit = top,
            Offset = skip > 0 ? skip : null,
            WithVector = includeVectors,
        };
        var response = await _client.QueryAsync(Name, paged, cancellationToken).ConfigureAwait(false);
        foreach (var point in response.Points)
        {
            yield return new VectorSearchResult<PassageRecord>(ToRecord(point), point.Score);
        }
    }

    private static float[] DenseVector<TInput>(TInput searchValue) => searchValue switch
    {
        ReadOnlyMemory<float> memory => memory.ToArray(),
        float[] array => array,
        Embedding<float> embedding => embedding.Vector.ToArray(),
        null => throw new ArgumentNullException(nameof(searchValue)),
        _ => throw new NotSupportedException($"The Qdrant passage store searches with a ReadOnlyMemory<float>, float[] or Embedding<float>, not {typeof(TInput).Name}; embed the text first."),
    };

    private static PassageRecord ToRecord(PointStruct point) => QdrantPassageMapper.ToRecord(point.Id, point.Payload, point.Vector);

    private static PassageRecord ToRecord(ScoredPoint point) => QdrantPassageMapper.ToRecord(point.Id, point.Payload, point.Vector);
}
