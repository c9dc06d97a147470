using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace TradeBot.Core.Tests.Stores.Qdrant.Support;

/// <summary>
/// The in-memory behaviour of the Qdrant stand-in for the gRPC methods the passage store uses, with Qdrant's
/// semantics: named dense vectors (cosine) and sparse vectors (idf modifier) checked by name, kind and size; payload
/// filters that need a payload index of the matching type (as in Qdrant's strict mode); scroll paging in id order;
/// the Query API with prefetch and RRF as <c>1/(k + position)</c>, position from 0, default k = 2. Errors are the
/// status codes and texts Qdrant answers with. Not a search engine: exact scoring over every point.
/// </summary>
internal sealed class QdrantStandInEngine
{
    private const double Time = 0.0001;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StandInCollection> _collections = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private ulong _operationId;

    public IReadOnlyCollection<string> Violations => _violations;

    public IMessage Handle(string method, IMessage request)
    {
        lock (_gate)
        {
            return method switch
            {
                QdrantStandIn.HealthCheck => new HealthCheckReply { Title = "qdrant - vector search engine", Version = "1.20.0" },
                "qdrant.Collections/CollectionExists" => Exists((CollectionExistsRequest)request),
                "qdrant.Collections/Create" => Create((CreateCollection)request),
                "qdrant.Collections/Delete" => new CollectionOperationResponse { Result = _collections.Remove(((DeleteCollection)request).CollectionName), Time = Time },
                "qdrant.Collections/Get" => new GetCollectionInfoResponse { Result = Collection(((GetCollectionInfoRequest)request).CollectionName).Info(), Time = Time },
                "qdrant.Points/CreateFieldIndex" => Updated(CreateIndex((CreateFieldIndexCollection)request)),
                "qdrant.Points/Upsert" => Updated(Upsert((UpsertPoints)request)),
                "qdrant.Points/Delete" => Updated(Delete((DeletePoints)request)),
                "qdrant.Points/Get" => Get((GetPoints)request),
                "qdrant.Points/Scroll" => Scroll((ScrollPoints)request),
                "qdrant.Points/Query" => QueryPoints((QueryPoints)request),
                _ => throw Violation(StatusCode.Unimplemented, $"the stand-in does not implement {method}"),
            };
        }
    }

    private CollectionExistsResponse Exists(CollectionExistsRequest request) =>
        new() { Result = new CollectionExists { Exists = _collections.ContainsKey(request.CollectionName) }, Time = Time };

    private CollectionOperationResponse Create(CreateCollection request)
    {
        if (_collections.ContainsKey(request.CollectionName))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Wrong input: Collection `{request.CollectionName}` already exists!"));
        }
        if (request.VectorsConfig?.ParamsMap is not { } named)
        {
            throw Violation(StatusCode.InvalidArgument, "the stand-in implements named vectors only (vectors_config.params_map)");
        }
        foreach (var (name, parameters) in named.Map)
        {
            if (parameters.Size is < 1 or > 65536 || parameters.Distance == Distance.UnknownDistance)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Validation error in body: [vectors_config.{name}: size must be from 1 to 65536 and a distance given]"));
            }
            if (parameters.HasMemory && parameters.Memory == Memory.Pinned)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: vectors_config.{name}.memory: pinned is not supported for dense vector storage"));
            }
            if (parameters.HnswConfig is { HasEfConstruct: true, EfConstruct: < 4 })
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Validation error in body: [vectors_config.{name}.hnsw_config.ef_construct: value must be 4 or more]"));
            }
        }
        if (request.Payload is { HasMemory: true, Memory: Memory.Pinned })
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: payload.memory: pinned is not supported for payload storage"));
        }
        if (request.QuantizationConfig?.Scalar is { HasQuantile: true, Quantile: < 0.5f or > 1f })
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Validation error in body: [quantization_config.scalar.quantile: value must be from 0.5 to 1]"));
        }
        if ((request.HasShardNumber && request.ShardNumber == 0) || (request.HasReplicationFactor && request.ReplicationFactor == 0))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Validation error in body: [shard_number and replication_factor must be 1 or more]"));
        }
        _collections[request.CollectionName] = new StandInCollection(this, request.Clone());
        return new CollectionOperationResponse { Result = true, Time = Time };
    }

    private StandInCollection Collection(string name) => _collections.TryGetValue(name, out var collection)
        ? collection
        : throw new RpcException(new Status(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!"));

    private bool CreateIndex(CreateFieldIndexCollection request)
    {
        var collection = Collection(request.CollectionName);
        if (!request.HasFieldType)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: field_type is required"));
        }
        collection.Indexes[request.FieldName] = request.FieldType;
        return true;
    }

    private bool Upsert(UpsertPoints request)
    {
        RequireWait(request.HasWait && request.Wait, "upsert");
        var collection = Collection(request.CollectionName);
        var points = request.Points.Select(collection.Parse).ToList();
        foreach (var point in points)
        {
            collection.Points[point.Id] = point;
        }
        return true;
    }

    private bool Delete(DeletePoints request)
    {
        RequireWait(request.HasWait && request.Wait, "delete");
        var collection = Collection(request.CollectionName);
        collection.Validate(request.Points?.Filter);
        var doomed = request.Points?.PointsSelectorOneOfCase switch
        {
            PointsSelector.PointsSelectorOneOfOneofCase.Points => request.Points.Points.Ids.Select(Id).ToList(),
            PointsSelector.PointsSelectorOneOfOneofCase.Filter => collection.Points.Values.Where(p => collection.Matches(request.Points.Filter, p)).Select(p => p.Id).ToList(),
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: points selector is required")),
        };
        foreach (var id in doomed)
        {
            collection.Points.Remove(id);
        }
        return true;
    }

    private GetResponse Get(GetPoints request)
    {
        var collection = Collection(request.CollectionName);
        var response = new GetResponse { Time = Time };
        foreach (var id in request.Ids.Select(Id).Distinct())
        {
            if (collection.Points.TryGetValue(id, out var point))
            {
                response.Result.Add(collection.Retrieved(point, request.WithPayload, request.WithVectors));
            }
        }
        return response;
    }

    private ScrollResponse Scroll(ScrollPoints request)
    {
        var collection = Collection(request.CollectionName);
        var limit = request.HasLimit ? (int)request.Limit : 10;
        var offset = request.Offset is null ? null : Id(request.Offset);
        collection.Validate(request.Filter);
        var selected = collection.Points.Values
            .Where(p => offset is null || string.CompareOrdinal(p.Id, offset) >= 0)
            .Where(p => request.Filter is null || collection.Matches(request.Filter, p))
            .Take(limit + 1)
            .ToList();
        var response = new ScrollResponse { Time = Time };
        response.Result.AddRange(selected.Take(limit).Select(p => collection.Retrieved(p, request.WithPayload, request.WithVectors)));
        if (selected.Count > limit)
        {
            response.NextPageOffset = new PointId { Uuid = selected[^1].Id };
        }
        return response;
    }

    private QueryResponse QueryPoints(QueryPoints request)
    {
        var collection = Collection(request.CollectionName);
        var offset = (int)(request.HasOffset ? request.Offset : 0);
        var limit = (int)(request.HasLimit ? request.Limit : 10);
        var ranked = collection.Rank(request.Prefetch, request.Query, request.HasUsing ? request.Using : string.Empty, request.Filter,
            request.HasScoreThreshold ? request.ScoreThreshold : null, offset + limit);
        var response = new QueryResponse { Time = Time };
        foreach (var (point, score) in ranked.Skip(offset))
        {
            var scored = new ScoredPoint { Id = new PointId { Uuid = point.Id }, Score = (float)score, Version = 1 };
            collection.Fill(point, request.WithPayload, request.WithVectors, scored.Payload, v => scored.Vectors = v);
            response.Result.Add(scored);
        }
        return response;
    }

    private PointsOperationResponse Updated(bool _) =>
        new() { Result = new UpdateResult { OperationId = ++_operationId, Status = UpdateStatus.Completed }, Time = Time };

    private void RequireWait(bool wait, string operation)
    {
        if (!wait)
        {
            _violations.Enqueue($"{operation} without wait=true: the write may not be visible to the next read");
        }
    }

    internal RpcException Violation(StatusCode status, string message)
    {
        _violations.Enqueue(message);
        return new RpcException(new Status(status, message));
    }

    /// <summary>Qdrant parses any UUID text form and answers in lowercase hyphenated form.</summary>
    private string Id(PointId id) => id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Uuid && Guid.TryParse(id.Uuid, out var guid)
        ? guid.ToString("D")
        : throw Violation(StatusCode.InvalidArgument, "the stand-in implements UUID point ids only");

    private sealed class StoredPoint
    {
        public required string Id { get; init; }

        public Dictionary<string, float[]> Dense { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, SortedDictionary<uint, float>> Sparse { get; } = new(StringComparer.Ordinal);

        public MapField<string, Value> Payload { get; } = [];
    }

    private sealed class StandInCollection(QdrantStandInEngine engine, CreateCollection definition)
    {
        public SortedDictionary<string, StoredPoint> Points { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, FieldType> Indexes { get; } = new(StringComparer.Ordinal);

        private MapField<string, VectorParams> DenseParams => definition.VectorsConfig.ParamsMap.Map;

        private MapField<string, SparseVectorParams> SparseParams => definition.SparseVectorsConfig?.Map ?? [];

        public CollectionInfo Info()
        {
            var info = new CollectionInfo
            {
                Status = CollectionStatus.Green,
                OptimizerStatus = new OptimizerStatus { Ok = true },
                SegmentsCount = 1,
                PointsCount = (ulong)Points.Count,
                IndexedVectorsCount = 0,
                Config = new CollectionConfig
                {
                    Params = new CollectionParams
                    {
                        ShardNumber = definition.HasShardNumber ? definition.ShardNumber : 1,
                        ReplicationFactor = definition.HasReplicationFactor ? definition.ReplicationFactor : 1,
                        WriteConsistencyFactor = definition.HasWriteConsistencyFactor ? definition.WriteConsistencyFactor : 1,
                        VectorsConfig = definition.VectorsConfig.Clone(),
                        SparseVectorsConfig = definition.SparseVectorsConfig?.Clone(),
                        Payload = definition.Payload?.Clone(),
                    },
                    HnswConfig = new HnswConfigDiff { M = 16, EfConstruct = 100, FullScanThreshold = 10000 },
                    QuantizationConfig = definition.QuantizationConfig?.Clone(),
                    OptimizerConfig = new OptimizersConfigDiff { DefaultSegmentNumber = 0, FlushIntervalSec = 5 },
                    WalConfig = new WalConfigDiff { WalCapacityMb = 32, WalSegmentsAhead = 0 },
                },
            };
            info.Config.Metadata.Add(definition.Metadata);
            foreach (var (field, type) in Indexes)
            {
                info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = (PayloadSchemaType)(int)type + 1, Points = (ulong)Points.Values.Count(p => p.Payload.ContainsKey(field)) };
            }
            return info;
        }

        public StoredPoint Parse(PointStruct source)
        {
            var point = new StoredPoint { Id = engine.Id(source.Id) };
            point.Payload.Add(source.Payload);
            if (source.Vectors?.VectorsOptionsCase != Vectors.VectorsOptionsOneofCase.Vectors_)
            {
                throw engine.Violation(StatusCode.InvalidArgument, "the stand-in implements named vectors only");
            }
            foreach (var (name, vector) in source.Vectors.Vectors_.Vectors)
            {
                if (DenseParams.TryGetValue(name, out var dense))
                {
                    var values = DenseValues(vector) ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: Conversion between sparse and regular vectors failed"));
                    if ((ulong)values.Length != dense.Size)
                    {
                        throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {dense.Size}, got {values.Length}"));
                    }
                    point.Dense[name] = values;
                }
                else if (SparseParams.ContainsKey(name))
                {
                    var (indices, weights) = SparseValues(vector) ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: Conversion between sparse and regular vectors failed"));
                    point.Sparse[name] = Sparse(indices, weights);
                }
                else
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}"));
                }
            }
            return point;
        }

        public RetrievedPoint Retrieved(StoredPoint point, WithPayloadSelector? withPayload, WithVectorsSelector? withVectors)
        {
            var retrieved = new RetrievedPoint { Id = new PointId { Uuid = point.Id } };
            Fill(point, withPayload, withVectors, retrieved.Payload, v => retrieved.Vectors = v);
            return retrieved;
        }

        public void Fill(StoredPoint point, WithPayloadSelector? withPayload, WithVectorsSelector? withVectors, MapField<string, Value> payload, Action<VectorsOutput> vectors)
        {
            switch (withPayload?.SelectorOptionsCase)
            {
                case WithPayloadSelector.SelectorOptionsOneofCase.Enable when withPayload.Enable:
                    payload.Add(point.Payload);
                    break;
                case WithPayloadSelector.SelectorOptionsOneofCase.Include:
                    payload.Add(point.Payload.Where(p => withPayload.Include.Fields.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value));
                    break;
                case WithPayloadSelector.SelectorOptionsOneofCase.Exclude:
                    payload.Add(point.Payload.Where(p => !withPayload.Exclude.Fields.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value));
                    break;
            }
            var names = withVectors?.SelectorOptionsCase switch
            {
                WithVectorsSelector.SelectorOptionsOneofCase.Enable when withVectors.Enable => null,
                WithVectorsSelector.SelectorOptionsOneofCase.Include => withVectors.Include.Names.ToHashSet(StringComparer.Ordinal),
                _ => [],
            };
            if (names is { Count: 0 })
            {
                return;
            }
            var output = new NamedVectorsOutput();
            foreach (var (name, dense) in point.Dense.Where(d => names is null || names.Contains(d.Key)))
            {
                var vector = new DenseVector();
                vector.Data.AddRange(dense);
                output.Vectors[name] = new VectorOutput { Dense = vector };
            }
            foreach (var (name, sparse) in point.Sparse.Where(s => names is null || names.Contains(s.Key)))
            {
                var vector = new SparseVector();
                vector.Indices.AddRange(sparse.Keys);
                vector.Values.AddRange(sparse.Values);
                output.Vectors[name] = new VectorOutput { Sparse = vector };
            }
            vectors(new VectorsOutput { Vectors = output });
        }

        /// <summary>One query level: its prefetches (recursively), then its own query over them, filter and threshold applied.</summary>
        public List<(StoredPoint Point, double Score)> Rank(IReadOnlyList<PrefetchQuery> prefetch, Query? query, string usingVector, Filter? filter, float? threshold, int limit)
        {
            Validate(filter);
            var lists = prefetch.Select(p => Rank(p.Prefetch, p.Query, p.HasUsing ? p.Using : string.Empty, p.Filter,
                p.HasScoreThreshold ? p.ScoreThreshold : null, (int)(p.HasLimit ? p.Limit : 10))).ToList();
            IEnumerable<(StoredPoint Point, double Score)> ranked;
            switch (query?.VariantCase)
            {
                case global::Qdrant.Client.Grpc.Query.VariantOneofCase.Rrf or global::Qdrant.Client.Grpc.Query.VariantOneofCase.Fusion:
                {
                    if (query.VariantCase == global::Qdrant.Client.Grpc.Query.VariantOneofCase.Fusion && query.Fusion != Fusion.Rrf)
                    {
                        throw engine.Violation(StatusCode.InvalidArgument, "the stand-in implements RRF fusion only");
                    }
                    if (query.VariantCase == global::Qdrant.Client.Grpc.Query.VariantOneofCase.Fusion || !query.Rrf.HasK)
                    {
                        engine._violations.Enqueue("RRF without an explicit k: Qdrant's default is 2, TradeBot's design sends VectorStore:Qdrant:RrfK");
                    }
                    if (lists.Count == 0)
                    {
                        throw new RpcException(new Status(StatusCode.InvalidArgument, "Bad request: Fusion queries require at least one prefetch"));
                    }
                    if (query.VariantCase == global::Qdrant.Client.Grpc.Query.VariantOneofCase.Rrf && query.Rrf.Weights.Count is var w && w > 0 && w != lists.Count)
                    {
                        throw new RpcException(new Status(StatusCode.InvalidArgument, "Bad request: RRF weights must match the number of prefetches"));
                    }
                    var k = query.VariantCase == global::Qdrant.Client.Grpc.Query.VariantOneofCase.Rrf && query.Rrf.HasK ? query.Rrf.K : 2;
                    var fused = new Dictionary<string, (StoredPoint Point, double Score)>(StringComparer.Ordinal);
                    foreach (var list in lists)
                    {
                        for (var position = 0; position < list.Count; position++)
                        {
                            var point = list[position].Point;
                            var previous = fused.GetValueOrDefault(point.Id, (point, 0));
                            fused[point.Id] = (point, previous.Score + (1.0 / (k + position)));
                        }
                    }
                    ranked = fused.Values.Where(s => filter is null || Matches(filter, s.Point));
                    break;
                }
                case global::Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest:
                {
                    var candidates = lists.Count == 0 ? Points.Values : lists.SelectMany(l => l.Select(s => s.Point)).DistinctBy(p => p.Id);
                    var score = Scorer(usingVector, query.Nearest);
                    ranked = candidates.Where(p => filter is null || Matches(filter, p)).Select(p => (p, score(p))).Where(s => s.Item2 is not null).Select(s => (s.p, s.Item2!.Value));
                    break;
                }
                default:
                    throw engine.Violation(StatusCode.InvalidArgument, $"the stand-in implements nearest and RRF queries only, not {query?.VariantCase.ToString() ?? "none"}");
            }
            return [.. ranked.Where(s => threshold is null || s.Score >= threshold)
                .OrderByDescending(s => s.Score).ThenBy(s => s.Point.Id, StringComparer.Ordinal).Take(limit)];
        }

        private Func<StoredPoint, double?> Scorer(string name, VectorInput input)
        {
            if (DenseParams.TryGetValue(name, out var dense))
            {
                if (input.VariantCase != VectorInput.VariantOneofCase.Dense)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: Conversion between sparse and regular vectors failed"));
                }
                var q = input.Dense.Data.ToArray();
                if ((ulong)q.Length != dense.Size)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {dense.Size}, got {q.Length}"));
                }
                return point => point.Dense.TryGetValue(name, out var stored) ? Cosine(q, stored) : null;
            }
            if (SparseParams.TryGetValue(name, out var sparse))
            {
                if (input.VariantCase != VectorInput.VariantOneofCase.Sparse)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: Conversion between sparse and regular vectors failed"));
                }
                var query = Sparse(input.Sparse.Indices, input.Sparse.Values);
                var idf = sparse.HasModifier && sparse.Modifier == Modifier.Idf;
                return point =>
                {
                    if (!point.Sparse.TryGetValue(name, out var weights))
                    {
                        return null;
                    }
                    double score = 0;
                    var overlap = false;
                    foreach (var (index, value) in query)
                    {
                        if (weights.TryGetValue(index, out var w))
                        {
                            overlap = true;
                            score += value * w * (idf ? Idf(name, index) : 1);
                        }
                    }
                    return overlap ? score : null;
                };
            }
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}"));
        }

        private static double Cosine(float[] q, float[] stored)
        {
            double dot = 0, qn = 0, pn = 0;
            for (var i = 0; i < q.Length; i++)
            {
                dot += q[i] * stored[i];
                qn += q[i] * q[i];
                pn += stored[i] * stored[i];
            }
            return qn == 0 || pn == 0 ? 0 : dot / Math.Sqrt(qn * pn);
        }

        private double Idf(string name, uint index)
        {
            double n = Points.Count;
            double df = Points.Values.Count(p => p.Sparse.TryGetValue(name, out var w) && w.ContainsKey(index));
            return Math.Log(((n - df + 0.5) / (df + 0.5)) + 1);
        }

        /// <summary>Checks a filter before any point is looked at, as Qdrant's strict mode does.</summary>
        public void Validate(Filter? filter)
        {
            foreach (var condition in filter is null ? [] : filter.Must.Concat(filter.Should).Concat(filter.MustNot))
            {
                if (condition.ConditionOneOfCase == global::Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.Filter)
                {
                    Validate(condition.Filter);
                }
                else if (condition.Field is { Match: not null } match)
                {
                    RequireIndex(match.Key, FieldType.Keyword, match.Match.MatchValueCase.ToString());
                }
                else if (condition.Field is { DatetimeRange: not null } range)
                {
                    RequireIndex(range.Key, FieldType.Datetime, "datetime_range");
                }
            }
        }

        public bool Matches(Filter filter, StoredPoint point)
        {
            var should = filter.Should;
            return filter.Must.All(c => Condition(c, point))
                && !filter.MustNot.Any(c => Condition(c, point))
                && (should.Count == 0 || should.Any(c => Condition(c, point)));
        }

        private bool Condition(Condition condition, StoredPoint point)
        {
            switch (condition.ConditionOneOfCase)
            {
                case global::Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.Filter:
                    return Matches(condition.Filter, point);
                case global::Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.HasId:
                    return condition.HasId.HasId.Any(id => engine.Id(id) == point.Id);
                case global::Qdrant.Client.Grpc.Condition.ConditionOneOfOneofCase.Field:
                    break;
                default:
                    throw engine.Violation(StatusCode.InvalidArgument, $"the stand-in does not implement {condition.ConditionOneOfCase} conditions");
            }
            var field = condition.Field;
            if (field.Match is { } match)
            {
                RequireIndex(field.Key, FieldType.Keyword, match.MatchValueCase.ToString());
                var values = Strings(point.Payload.GetValueOrDefault(field.Key));
                return match.MatchValueCase switch
                {
                    Match.MatchValueOneofCase.Keyword => values.Contains(match.Keyword),
                    Match.MatchValueOneofCase.Keywords => values.Any(match.Keywords.Strings.Contains),
                    Match.MatchValueOneofCase.ExceptKeywords => values.Count > 0 && !values.Any(match.ExceptKeywords.Strings.Contains),
                    _ => throw engine.Violation(StatusCode.InvalidArgument, $"the stand-in does not implement {match.MatchValueCase} matches"),
                };
            }
            if (field.DatetimeRange is { } range)
            {
                RequireIndex(field.Key, FieldType.Datetime, "datetime_range");
                var value = point.Payload.GetValueOrDefault(field.Key);
                if (value?.KindCase != Value.KindOneofCase.StringValue
                    || !DateTimeOffset.TryParse(value.StringValue, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    return false;
                }
                return (range.Gt is null || date > range.Gt.ToDateTimeOffset()) && (range.Gte is null || date >= range.Gte.ToDateTimeOffset())
                    && (range.Lt is null || date < range.Lt.ToDateTimeOffset()) && (range.Lte is null || date <= range.Lte.ToDateTimeOffset());
            }
            throw engine.Violation(StatusCode.InvalidArgument, $"the stand-in implements match and datetime_range field conditions only (key {field.Key})");
        }

        /// <summary>Qdrant in strict mode refuses filters on fields without a fitting payload index; so does the stand-in.</summary>
        private void RequireIndex(string key, FieldType type, string use)
        {
            if (!Indexes.TryGetValue(key, out var indexed) || indexed != type)
            {
                throw engine.Violation(StatusCode.InvalidArgument,
                    $"Bad request: Index required but not found for \"{key}\" of one of the following types: [{type.ToString().ToLowerInvariant()}]. Help: Create an index for this key or use a different filter ({use}).");
            }
        }

        private static HashSet<string> Strings(Value? value) => value?.KindCase switch
        {
            Value.KindOneofCase.StringValue => [value.StringValue],
            Value.KindOneofCase.ListValue => [.. value.ListValue.Values.Where(v => v.KindCase == Value.KindOneofCase.StringValue).Select(v => v.StringValue)],
            _ => [],
        };

        private SortedDictionary<uint, float> Sparse(IReadOnlyList<uint> indices, IReadOnlyList<float> values)
        {
            if (indices.Count != values.Count || indices.Distinct().Count() != indices.Count)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Validation error in body: [sparse vector: indices must be unique and match values in length]"));
            }
            return new SortedDictionary<uint, float>(indices.Zip(values).ToDictionary(p => p.First, p => p.Second));
        }

        /// <summary>The values of a dense vector in either form Qdrant accepts (the `dense` variant or the deprecated flat data).</summary>
        private static float[]? DenseValues(Vector vector) => vector.VectorCase switch
        {
            Vector.VectorOneofCase.Dense => [.. vector.Dense.Data],
#pragma warning disable CS0612
            Vector.VectorOneofCase.None when vector.Indices is null && vector.Data.Count > 0 => [.. vector.Data],
#pragma warning restore CS0612
            _ => null,
        };

        private static (IReadOnlyList<uint>, IReadOnlyList<float>)? SparseValues(Vector vector) => vector.VectorCase switch
        {
            Vector.VectorOneofCase.Sparse => (vector.Sparse.Indices, vector.Sparse.Values),
#pragma warning disable CS0612
            Vector.VectorOneofCase.None when vector.Indices is not null => (vector.Indices.Data, vector.Data),
#pragma warning restore CS0612
            _ => null,
        };
    }
}
