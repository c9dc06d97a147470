using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// The passage collection on Qdrant, through the official client (gRPC): one named dense vector (cosine) and one
/// named sparse vector with the IDF modifier, payload indexes for the filters, deterministic UUID point ids.
/// Implements the same Microsoft.Extensions.VectorData seams as the embedded store, so retrieval does not know
/// which store it runs on.
/// </summary>
internal sealed class QdrantPassageCollection : VectorStoreCollection<Guid, PassageRecord>, IKeywordHybridSearchable<PassageRecord>, IPassageStoreInventory
{
    private const int GetBatchSize = 256;
    private const int ScrollPageSize = 256;
    private const int HnswM = 16;
    private const int HnswEf = 128;
    private const string ReindexAdvice = "Re-index: delete the collection (or set VectorStore:Qdrant:CollectionName to a new name) and run ingestion again with the re-index option, so every passage is embedded with the configured embedder.";

    private static readonly (string Field, PayloadSchemaType Schema)[] s_payloadIndexes =
    [
        (QdrantNames.ArticleId, PayloadSchemaType.Keyword),
        (QdrantNames.Source, PayloadSchemaType.Keyword),
        (QdrantNames.Published, PayloadSchemaType.Datetime),
        (QdrantNames.StoryId, PayloadSchemaType.Keyword),
    ];

    private readonly QdrantClient _client;
    private readonly QdrantCalls _calls;
    private readonly QdrantOptions _options;
    private readonly QdrantEmbedderInfo _embedder;
    private readonly ILogger _logger;
    private readonly VectorStoreCollectionMetadata _metadata;
    private volatile bool _verified;

    public QdrantPassageCollection(QdrantClient client, QdrantCalls calls, QdrantOptions options, QdrantEmbedderInfo embedder, ILogger<QdrantPassageCollection> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _calls = calls;
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
        _calls.RunAsync("collection exists", token => _client.CollectionExistsAsync(Name, token), cancellationToken);

    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        if (!await CollectionExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _calls.RunAsync("create collection", token => _client.CreateCollectionAsync(CreateRequest(), token), cancellationToken).ConfigureAwait(false);
                QdrantLog.CollectionCreated(_logger, Name, _embedder.Name, _embedder.Dimension);
            }
            catch (QdrantException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
            {
                // Another process created it first; the checks below decide whether it fits.
            }
        }
        // Indexes are idempotent to create; creating them every time also repairs a collection missing one.
        foreach (var (field, schema) in s_payloadIndexes)
        {
            await _calls.RunAsync("create payload index", token => _client.CreatePayloadIndexAsync(Name, field, schema, wait: true, cancellationToken: token), cancellationToken).ConfigureAwait(false);
        }
        _verified = false;
        await VerifyAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        _verified = false;
        if (!await CollectionExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        await _calls.RunAsync("delete collection", token => _client.DeleteCollectionAsync(Name, cancellationToken: token), cancellationToken).ConfigureAwait(false);
        QdrantLog.CollectionDeleted(_logger, Name);
    }

    public override async Task<PassageRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var points = await RetrieveAsync([key], withPayload: true, options?.IncludeVectors ?? false, cancellationToken).ConfigureAwait(false);
        return points.Count == 0 ? null : ToRecord(points[0]);
    }

    public override async IAsyncEnumerable<PassageRecord> GetAsync(IEnumerable<Guid> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var chunk in keys.Distinct().Chunk(GetBatchSize))
        {
            foreach (var point in await RetrieveAsync(chunk, withPayload: true, options?.IncludeVectors ?? false, cancellationToken).ConfigureAwait(false))
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
        PointId? offset = null;
        do
        {
            var limit = (uint)Math.Min(ScrollPageSize, skip + top - returned);
            var page = await _calls.RunAsync("scroll points", token => _client.ScrollAsync(Name, qdrantFilter, limit, offset,
                payloadSelector: true, vectorsSelector: options.IncludeVectors, cancellationToken: token), cancellationToken).ConfigureAwait(false);
            foreach (var point in page.Result)
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
            await _calls.RunAsync("delete points", token => _client.DeleteAsync(Name, (IReadOnlyList<Guid>)chunk, wait: true, cancellationToken: token), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every passage of an article with one server-side filter.</summary>
    public async Task DeleteArticleAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(articleId);
        var filter = QdrantFilterTranslator.Translate(r => r.ArticleId == articleId)!;
        await _calls.RunAsync("delete points", token => _client.DeleteAsync(Name, filter, wait: true, cancellationToken: token), cancellationToken).ConfigureAwait(false);
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
            await _calls.RunAsync("upsert points", token => _client.UpsertAsync(Name, points, wait: true, cancellationToken: token), cancellationToken).ConfigureAwait(false);
            QdrantLog.Upserted(_logger, points.Count, Name);
        }
    }

    public override IAsyncEnumerable<VectorSearchResult<PassageRecord>> SearchAsync<TInput>(TInput searchValue, int top, VectorSearchOptions<PassageRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<PassageRecord>();
        var query = new QueryPoints
        {
            Query = new Query { Nearest = DenseInput(searchValue) },
            Using = QdrantNames.DenseVector,
            Filter = QdrantFilterTranslator.Translate(options.Filter),
            Params = DenseSearchParams(),
        };
        return QueryAsync(query, options.ScoreThreshold, top, options.Skip, options.IncludeVectors, cancellationToken);
    }

    public IAsyncEnumerable<VectorSearchResult<PassageRecord>> HybridSearchAsync<TInput>(TInput searchValue, ICollection<string> keywords, int top, HybridSearchOptions<PassageRecord>? options = null, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new HybridSearchOptions<PassageRecord>();
        var filter = QdrantFilterTranslator.Translate(options.Filter);
        var candidates = (ulong)Math.Max(_options.PrefetchLimit, top + options.Skip);
        // The filter sits on each prefetch (where it narrows the candidates) and on the fused query as well.
        var query = new QueryPoints { Query = new Query { Rrf = new Rrf { K = (uint)_options.RrfK } }, Filter = filter };
        query.Prefetch.Add(new PrefetchQuery { Query = new Query { Nearest = DenseInput(searchValue) }, Using = QdrantNames.DenseVector, Filter = filter, Limit = candidates, Params = DenseSearchParams() });
        var sparse = SparseTermEncoder.ForQuery(keywords);
        if (sparse.Indices.Count > 0)
        {
            query.Prefetch.Add(new PrefetchQuery { Query = new Query { Nearest = new VectorInput { Sparse = sparse } }, Using = QdrantNames.SparseVector, Filter = filter, Limit = candidates });
        }
        return QueryAsync(query, options.ScoreThreshold, top, options.Skip, options.IncludeVectors, cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public async Task<string?> GetInstanceIdAsync(CancellationToken cancellationToken = default)
    {
        var info = await GetInfoAsync(cancellationToken).ConfigureAwait(false);
        return info.Config?.Metadata.TryGetValue(QdrantNames.MetadataInstanceId, out var id) == true && id.KindCase == Value.KindOneofCase.StringValue
            ? id.StringValue
            : null;
    }

    /// <summary>Qdrant's own count of the collection's points (every point is a passage).</summary>
    public async Task<long> CountPassagesAsync(CancellationToken cancellationToken = default) =>
        (long)(await GetInfoAsync(cancellationToken).ConfigureAwait(false)).PointsCount;

    public async Task<IReadOnlySet<Guid>> ContainsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var present = new HashSet<Guid>();
        foreach (var chunk in ids.Distinct().Chunk(GetBatchSize))
        {
            var points = await RetrieveAsync(chunk, withPayload: false, withVectors: false, cancellationToken).ConfigureAwait(false);
            present.UnionWith(points.Select(p => Guid.Parse(p.Id.Uuid)));
        }
        return present;
    }

    /// <summary>
    /// The collection as docs/qdrant.md recommends from the scale measurements: int8 codes pinned in RAM, the original
    /// vectors and the payload on disk (memory tiers, Qdrant 1.19+), HNSW m 16 / ef_construct 128, shards and replicas
    /// as configured.
    /// </summary>
    private CreateCollection CreateRequest()
    {
        var vectors = new VectorParamsMap();
        vectors.Map.Add(QdrantNames.DenseVector, new VectorParams
        {
            Size = (ulong)_embedder.Dimension,
            Distance = Distance.Cosine,
            Memory = Memory.Cold,
            HnswConfig = new HnswConfigDiff { M = HnswM, EfConstruct = HnswEf },
        });
        var sparse = new SparseVectorConfig();
        sparse.Map.Add(QdrantNames.SparseVector, new SparseVectorParams { Modifier = Modifier.Idf });
        var request = new CreateCollection
        {
            CollectionName = Name,
            VectorsConfig = new VectorsConfig { ParamsMap = vectors },
            SparseVectorsConfig = sparse,
            QuantizationConfig = new QuantizationConfig { Scalar = new ScalarQuantization { Type = QuantizationType.Int8, Quantile = 0.99f, Memory = Memory.Pinned } },
            Payload = new PayloadStorageParams { Memory = Memory.Cold },
            ShardNumber = (uint)_options.ShardNumber,
            ReplicationFactor = (uint)_options.ReplicationFactor,
            WriteConsistencyFactor = 1,
        };
        request.Metadata.Add(QdrantNames.MetadataSchemaVersion, QdrantNames.SchemaVersion);
        request.Metadata.Add(QdrantNames.MetadataEmbedder, _embedder.Name);
        request.Metadata.Add(QdrantNames.MetadataDimension, _embedder.Dimension);
        request.Metadata.Add(QdrantNames.MetadataInstanceId, Guid.NewGuid().ToString("N"));
        return request;
    }

    private Task<CollectionInfo> GetInfoAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync("get collection", token => _client.GetCollectionInfoAsync(Name, token), cancellationToken);

    private Task<IReadOnlyList<RetrievedPoint>> RetrieveAsync(IReadOnlyList<Guid> ids, bool withPayload, bool withVectors, CancellationToken cancellationToken) =>
        _calls.RunAsync("get points", token => _client.RetrieveAsync(Name, [.. ids.Select(id => (PointId)id)], withPayload, withVectors, cancellationToken: token), cancellationToken);

    private async Task EnsureVerifiedAsync(CancellationToken cancellationToken)
    {
        if (!_verified)
        {
            await VerifyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the collection back and refuses one built for another embedder, dimension or sparse setup (the
    /// read-back is the only proof that the settings were taken).
    /// </summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        const string operation = "verify collection";
        var info = await GetInfoAsync(cancellationToken).ConfigureAwait(false);
        var metadata = info.Config?.Metadata;
        var embedder = metadata?.TryGetValue(QdrantNames.MetadataEmbedder, out var e) == true && e.KindCase == Value.KindOneofCase.StringValue ? e.StringValue : null;
        var dimension = metadata?.TryGetValue(QdrantNames.MetadataDimension, out var d) == true ? d.KindCase switch
        {
            Value.KindOneofCase.IntegerValue => (int?)d.IntegerValue,
            Value.KindOneofCase.DoubleValue => (int?)d.DoubleValue,
            _ => null,
        } : null;
        if (embedder != _embedder.Name || dimension != _embedder.Dimension)
        {
            var built = embedder is null ? "without TradeBot's embedder metadata" : $"for embedder '{embedder}' with dimension {dimension}";
            throw _calls.Refused(operation, QdrantErrorKind.EmbedderMismatch,
                $"Qdrant collection '{Name}' was built {built}, but TradeBot is configured with embedder '{_embedder.Name}' (dimension {_embedder.Dimension}). {ReindexAdvice}");
        }
        var parameters = info.Config?.Params;
        if (parameters?.VectorsConfig?.ParamsMap?.Map.TryGetValue(QdrantNames.DenseVector, out var dense) != true
            || dense.Size != (ulong)_embedder.Dimension || dense.Distance != Distance.Cosine)
        {
            throw _calls.Refused(operation, QdrantErrorKind.EmbedderMismatch,
                $"Qdrant collection '{Name}' has no cosine dense vector '{QdrantNames.DenseVector}' of size {_embedder.Dimension}. {ReindexAdvice}");
        }
        if (parameters.SparseVectorsConfig?.Map.TryGetValue(QdrantNames.SparseVector, out var sparse) != true || sparse.Modifier != Modifier.Idf)
        {
            throw _calls.Refused(operation, QdrantErrorKind.EmbedderMismatch,
                $"Qdrant collection '{Name}' has no sparse vector '{QdrantNames.SparseVector}' with the idf modifier, so keyword ranking would be wrong. {ReindexAdvice}");
        }
        _verified = true;
    }

    /// <summary>The dense leg searches the int8 codes, then rescores twice the candidates it returns with the original vectors.</summary>
    private static SearchParams DenseSearchParams() =>
        new() { HnswEf = HnswEf, Quantization = new QuantizationSearchParams { Rescore = true, Oversampling = 2.0 } };

    private async IAsyncEnumerable<VectorSearchResult<PassageRecord>> QueryAsync(QueryPoints query, double? scoreThreshold, int top, int skip, bool includeVectors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureVerifiedAsync(cancellationToken).ConfigureAwait(false);
        var points = await _calls.RunAsync("query points", token => _client.QueryAsync(Name, query.Query, query.Prefetch, query.HasUsing ? query.Using : null, query.Filter,
            scoreThreshold is { } threshold ? (float)threshold : null, query.Params, limit: (ulong)top, offset: (ulong)skip,
            payloadSelector: true, vectorsSelector: includeVectors, cancellationToken: token), cancellationToken).ConfigureAwait(false);
        foreach (var point in points)
        {
            yield return new VectorSearchResult<PassageRecord>(ToRecord(point), point.Score);
        }
    }

    private static VectorInput DenseInput<TInput>(TInput searchValue) => searchValue switch
    {
        ReadOnlyMemory<float> memory => memory.ToArray(),
        float[] array => array,
        Embedding<float> embedding => embedding.Vector.ToArray(),
        null => throw new ArgumentNullException(nameof(searchValue)),
        _ => throw new NotSupportedException($"The Qdrant passage store searches with a ReadOnlyMemory<float>, float[] or Embedding<float>, not {typeof(TInput).Name}; embed the text first."),
    };

    private static PassageRecord ToRecord(RetrievedPoint point) => QdrantPassageMapper.ToRecord(point.Id, point.Payload, point.Vectors);

    private static PassageRecord ToRecord(ScoredPoint point) => QdrantPassageMapper.ToRecord(point.Id, point.Payload, point.Vectors);
}
