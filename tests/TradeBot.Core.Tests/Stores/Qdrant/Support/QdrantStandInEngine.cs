using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TradeBot.Core.Tests.Stores.Qdrant.Support;

/// <summary>
/// The in-memory behaviour of the Qdrant stand-in: the operations the passage store uses, with Qdrant's documented
/// semantics (named dense vectors with cosine, sparse vectors with the idf modifier, filters, scroll paging, the Query
/// API with prefetch and RRF as <c>1/(k + position)</c>, position from 0, default k = 2). Answers are the documented
/// envelopes. Not a search engine: exact scoring over every point.
/// </summary>
internal sealed partial class QdrantStandInEngine
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StandInCollection> _collections = new(StringComparer.Ordinal);
    private long _operationId;

    public StandInResponse Handle(string method, string path, JsonNode? body)
    {
        lock (_gate)
        {
            try
            {
                return Dispatch(method, path, body);
            }
            catch (StandInError error)
            {
                return Error(error.Status, error.Message);
            }
        }
    }

    private StandInResponse Dispatch(string method, string path, JsonNode? body)
    {
        if (path is "/readyz" or "/healthz" or "/livez")
        {
            return new StandInResponse(200, "text/plain", path == "/readyz" ? "all shards are ready" : "healthz check passed");
        }
        var match = CollectionPath().Match(path);
        if (!match.Success)
        {
            throw new StandInError(404, $"Not found: the stand-in does not implement {method} {path}");
        }
        var name = Uri.UnescapeDataString(match.Groups["name"].Value);
        var rest = match.Groups["rest"].Value;
        _collections.TryGetValue(name, out var collection);
        switch (method, rest)
        {
            case ("GET", "/exists"):
                return Ok(new JsonObject { ["exists"] = collection is not null });
            case ("PUT", ""):
                if (collection is not null)
                {
                    throw new StandInError(409, $"Wrong input: Collection `{name}` already exists!");
                }
                _collections[name] = StandInCollection.Create(body!.AsObject());
                return Ok(true);
            case ("DELETE", ""):
                return Ok(_collections.Remove(name));
        }
        if (collection is null)
        {
            throw new StandInError(404, $"Not found: Collection `{name}` doesn't exist!");
        }
        return (method, rest) switch
        {
            ("GET", "") => Ok(collection.Info()),
            ("PUT", "/index") => Updated(collection.CreateIndex(body!.AsObject())),
            ("PUT", "/points") => Updated(collection.Upsert(body!.AsObject())),
            ("POST", "/points/delete") => Updated(collection.Delete(body!.AsObject())),
            ("POST", "/points") => Ok(collection.Retrieve(body!.AsObject())),
            ("POST", "/points/scroll") => Ok(collection.Scroll(body!.AsObject())),
            ("POST", "/points/query") => Ok(new JsonObject { ["points"] = collection.Query(body!.AsObject()) }),
            _ => throw new StandInError(404, $"Not found: the stand-in does not implement {method} {path}"),
        };
    }

    private StandInResponse Updated(bool _) =>
        Ok(new JsonObject { ["operation_id"] = Interlocked.Increment(ref _operationId), ["status"] = "completed" });

    private static StandInResponse Ok(JsonNode? result) =>
        new(200, "application/json", new JsonObject { ["result"] = result, ["status"] = "ok", ["time"] = 0.0001 }.ToJsonString());

    public static StandInResponse Error(int status, string message) =>
        new(status, "application/json", new JsonObject { ["status"] = new JsonObject { ["error"] = message }, ["time"] = 0.0001 }.ToJsonString());

    [GeneratedRegex("^/collections/(?<name>[^/]+)(?<rest>(/.*)?)$")]
    private static partial Regex CollectionPath();

    internal sealed class StandInError(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }

    private sealed class StandInPoint
    {
        public required string Id { get; init; }

        public Dictionary<string, float[]> Dense { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dictionary<uint, float>> Sparse { get; } = new(StringComparer.Ordinal);

        public JsonObject Payload { get; set; } = [];
    }

    private sealed class StandInCollection
    {
        private readonly SortedDictionary<string, StandInPoint> _points = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _indexes = new(StringComparer.Ordinal);

        private StandInCollection(JsonObject request) => Request = request;

        private JsonObject Request { get; }

        private JsonObject DenseParams => Request["vectors"]!.AsObject();

        private JsonObject SparseParams => Request["sparse_vectors"]?.AsObject() ?? [];

        public static StandInCollection Create(JsonObject request)
        {
            if (request["vectors"] is not JsonObject vectors || vectors.ContainsKey("size"))
            {
                throw new StandInError(400, "Wrong input: the stand-in only implements named vectors");
            }
            return new StandInCollection((JsonObject)request.DeepClone());
        }

        public JsonObject Info() => new()
        {
            ["status"] = "green",
            ["optimizer_status"] = "ok",
            ["indexed_vectors_count"] = 0,
            ["points_count"] = _points.Count,
            ["segments_count"] = 1,
            ["config"] = new JsonObject
            {
                ["params"] = new JsonObject
                {
                    ["vectors"] = DenseParams.DeepClone(),
                    ["shard_number"] = 1,
                    ["replication_factor"] = 1,
                    ["write_consistency_factor"] = 1,
                    ["on_disk_payload"] = true,
                    ["sparse_vectors"] = SparseParams.DeepClone(),
                },
                ["hnsw_config"] = new JsonObject { ["m"] = 16, ["ef_construct"] = 100, ["full_scan_threshold"] = 10000 },
                ["optimizer_config"] = new JsonObject { ["default_segment_number"] = 0, ["flush_interval_sec"] = 5 },
                ["wal_config"] = new JsonObject { ["wal_capacity_mb"] = 32, ["wal_segments_ahead"] = 0 },
                ["metadata"] = Request["metadata"]?.DeepClone(),
            },
            ["payload_schema"] = new JsonObject(_indexes.Select(i => KeyValuePair.Create<string, JsonNode?>(i.Key,
                new JsonObject { ["data_type"] = i.Value, ["points"] = _points.Values.Count(p => p.Payload.ContainsKey(i.Key)) }))),
        };

        public bool CreateIndex(JsonObject body)
        {
            var schema = body["field_schema"] is JsonObject withParams ? withParams["type"]!.GetValue<string>() : body["field_schema"]!.GetValue<string>();
            _indexes[body["field_name"]!.GetValue<string>()] = schema;
            return true;
        }

        public bool Upsert(JsonObject body)
        {
            var points = new List<StandInPoint>();
            foreach (var node in body["points"]!.AsArray())
            {
                var point = new StandInPoint { Id = NormaliseId(node!["id"]!), Payload = node["payload"]?.DeepClone().AsObject() ?? [] };
                if (node["vector"] is not JsonObject vectors)
                {
                    throw new StandInError(400, "Wrong input: the stand-in only implements named vectors");
                }
                foreach (var (name, value) in vectors)
                {
                    if (DenseParams[name] is JsonObject dense)
                    {
                        var values = value!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
                        var size = dense["size"]!.GetValue<int>();
                        if (values.Length != size)
                        {
                            throw new StandInError(400, $"Wrong input: Vector dimension error: expected dim: {size}, got {values.Length}");
                        }
                        point.Dense[name] = values;
                    }
                    else if (SparseParams.ContainsKey(name))
                    {
                        var indices = value!["indices"]!.AsArray().Select(v => v!.GetValue<uint>()).ToList();
                        var weights = value["values"]!.AsArray().Select(v => v!.GetValue<float>()).ToList();
                        if (indices.Count != weights.Count || indices.Distinct().Count() != indices.Count)
                        {
                            throw new StandInError(400, "Wrong input: Sparse vector indices must be unique and match values in length");
                        }
                        point.Sparse[name] = indices.Zip(weights).ToDictionary(p => p.First, p => p.Second);
                    }
                    else
                    {
                        throw new StandInError(400, $"Wrong input: Not existing vector name error: {name}");
                    }
                }
                points.Add(point);
            }
            foreach (var point in points)
            {
                _points[point.Id] = point;
            }
            return true;
        }

        public bool Delete(JsonObject body)
        {
            var doomed = body["points"] is JsonArray ids
                ? ids.Select(id => NormaliseId(id!)).ToList()
                : _points.Values.Where(p => Matches(body["filter"]!.AsObject(), p)).Select(p => p.Id).ToList();
            foreach (var id in doomed)
            {
                _points.Remove(id);
            }
            return true;
        }

        public JsonArray Retrieve(JsonObject body)
        {
            var result = new JsonArray();
            foreach (var id in body["ids"]!.AsArray().Select(id => NormaliseId(id!)).Distinct())
            {
                if (_points.TryGetValue(id, out var point))
                {
                    result.Add(Output(point, null, Flag(body["with_payload"], true), Flag(body["with_vector"], false)));
                }
            }
            return result;
        }

        public JsonObject Scroll(JsonObject body)
        {
            var limit = body["limit"]?.GetValue<int>() ?? 10;
            var offset = body["offset"] is { } o ? NormaliseId(o) : null;
            var selected = _points.Values
                .Where(p => offset is null || string.CompareOrdinal(p.Id, offset) >= 0)
                .Where(p => body["filter"] is not JsonObject filter || Matches(filter, p))
                .Take(limit + 1)
                .ToList();
            var page = new JsonArray([.. selected.Take(limit).Select(p => Output(p, null, Flag(body["with_payload"], true), Flag(body["with_vector"], false)))]);
            return new JsonObject { ["points"] = page, ["next_page_offset"] = selected.Count > limit ? selected[^1].Id : null };
        }

        public JsonArray Query(JsonObject body)
        {
            var scored = Rank(body);
            var offset = body["offset"]?.GetValue<int>() ?? 0;
            var limit = body["limit"]?.GetValue<int>() ?? 10;
            return new JsonArray([.. scored.Skip(offset).Take(limit).Select(s => Output(s.Point, s.Score, Flag(body["with_payload"], false), Flag(body["with_vector"], false)))]);
        }

        /// <summary>One query level: its prefetches (recursively), then its own query over them, filter and threshold applied.</summary>
        private List<(StandInPoint Point, double Score)> Rank(JsonObject request)
        {
            var filter = request["filter"] as JsonObject;
            var threshold = request["score_threshold"]?.GetValue<double>();
            var limit = (request["limit"]?.GetValue<int>() ?? 10) + (request["offset"]?.GetValue<int>() ?? 0);
            var prefetches = request["prefetch"] switch
            {
                JsonArray many => many.Select(p => Rank(p!.AsObject())).ToList(),
                JsonObject one => [Rank(one)],
                _ => null,
            };
            var query = request["query"];
            if (query is JsonObject { } nearest && nearest["nearest"] is { } inner)
            {
                query = inner;
            }

            IEnumerable<(StandInPoint Point, double Score)> ranked;
            if (query is JsonObject q && (q.ContainsKey("rrf") || q.ContainsKey("fusion")))
            {
                if (q["fusion"] is { } fusion && fusion.GetValue<string>() != "rrf")
                {
                    throw new StandInError(400, "Bad request: the stand-in only implements rrf fusion");
                }
                var k = q["rrf"]?["k"]?.GetValue<int>() ?? 2;
                var fused = new Dictionary<string, (StandInPoint Point, double Score)>(StringComparer.Ordinal);
                foreach (var list in prefetches ?? throw new StandInError(400, "Bad request: fusion needs prefetch"))
                {
                    for (var position = 0; position < list.Count; position++)
                    {
                        var (point, _) = list[position];
                        var previous = fused.GetValueOrDefault(point.Id, (point, 0));
                        fused[point.Id] = (point, previous.Score + (1.0 / (k + position)));
                    }
                }
                ranked = fused.Values.Where(s => filter is null || Matches(filter, s.Point));
            }
            else if (query is not null)
            {
                var candidates = prefetches is null ? _points.Values : prefetches.SelectMany(l => l.Select(s => s.Point)).DistinctBy(p => p.Id);
                var name = request["using"]?.GetValue<string>() ?? throw new StandInError(400, "Wrong input: the stand-in needs 'using'");
                ranked = candidates.Where(p => filter is null || Matches(filter, p)).Select(p => (p, Score(name, query, p))).Where(s => s.Item2 is not null).Select(s => (s.p, s.Item2!.Value));
            }
            else
            {
                throw new StandInError(400, "Bad request: the stand-in needs a query");
            }
            return [.. ranked.Where(s => threshold is null || s.Score >= threshold)
                .OrderByDescending(s => s.Score).ThenBy(s => s.Point.Id, StringComparer.Ordinal).Take(limit)];
        }

        private double? Score(string name, JsonNode query, StandInPoint point)
        {
            if (DenseParams[name] is JsonObject)
            {
                if (query is not JsonArray array || !point.Dense.TryGetValue(name, out var stored))
                {
                    return null;
                }
                var q = array.Select(v => v!.GetValue<float>()).ToArray();
                if (q.Length != stored.Length)
                {
                    throw new StandInError(400, $"Wrong input: Vector dimension error: expected dim: {stored.Length}, got {q.Length}");
                }
                double dot = 0, qn = 0, pn = 0;
                for (var i = 0; i < q.Length; i++)
                {
                    dot += q[i] * stored[i];
                    qn += q[i] * q[i];
                    pn += stored[i] * stored[i];
                }
                return qn == 0 || pn == 0 ? 0 : dot / Math.Sqrt(qn * pn);
            }
            if (SparseParams[name] is JsonObject sparse)
            {
                if (!point.Sparse.TryGetValue(name, out var weights))
                {
                    return null;
                }
                var idf = sparse["modifier"]?.GetValue<string>() == "idf";
                var indices = query["indices"]!.AsArray().Select(v => v!.GetValue<uint>()).ToList();
                var values = query["values"]!.AsArray().Select(v => v!.GetValue<float>()).ToList();
                double score = 0;
                var overlap = false;
                for (var i = 0; i < indices.Count; i++)
                {
                    if (weights.TryGetValue(indices[i], out var w))
                    {
                        overlap = true;
                        score += values[i] * w * (idf ? Idf(name, indices[i]) : 1);
                    }
                }
                return overlap ? score : null;
            }
            throw new StandInError(400, $"Wrong input: Not existing vector name error: {name}");
        }

        private double Idf(string name, uint index)
        {
            double n = _points.Count;
            double df = _points.Values.Count(p => p.Sparse.TryGetValue(name, out var w) && w.ContainsKey(index));
            return Math.Log(((n - df + 0.5) / (df + 0.5)) + 1);
        }

        private static bool Matches(JsonObject filter, StandInPoint point)
        {
            static IEnumerable<JsonObject> Clause(JsonNode? node) => node switch
            {
                JsonArray array => array.Select(n => n!.AsObject()),
                JsonObject single => [single],
                _ => [],
            };
            var should = Clause(filter["should"]).ToList();
            return Clause(filter["must"]).All(c => Condition(c, point))
                && !Clause(filter["must_not"]).Any(c => Condition(c, point))
                && (should.Count == 0 || should.Any(c => Condition(c, point)));
        }

        private static bool Condition(JsonObject condition, StandInPoint point)
        {
            if (condition["key"] is not { } keyNode)
            {
                return condition.ContainsKey("has_id")
                    ? condition["has_id"]!.AsArray().Any(id => NormaliseId(id!) == point.Id)
                    : Matches(condition, point);
            }
            var value = point.Payload[keyNode.GetValue<string>()];
            if (value is null)
            {
                return false;
            }
            if (condition["match"] is JsonObject match)
            {
                if (match["value"] is { } expected)
                {
                    return JsonNode.DeepEquals(value, expected);
                }
                if (match["any"] is JsonArray any)
                {
                    return any.Any(v => JsonNode.DeepEquals(value, v));
                }
                throw new StandInError(400, "Bad request: the stand-in implements match value and any only");
            }
            if (condition["range"] is JsonObject range)
            {
                return Bound(range["gt"], value, c => c > 0) && Bound(range["gte"], value, c => c >= 0)
                    && Bound(range["lt"], value, c => c < 0) && Bound(range["lte"], value, c => c <= 0);
            }
            throw new StandInError(400, "Bad request: the stand-in implements match and range conditions only");
        }

        private static bool Bound(JsonNode? bound, JsonNode value, Func<int, bool> accept)
        {
            if (bound is null)
            {
                return true;
            }
            if (bound.GetValueKind() == JsonValueKind.String)
            {
                if (value.GetValueKind() != JsonValueKind.String)
                {
                    return false;
                }
                var parse = (JsonNode n) => DateTimeOffset.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return accept(parse(value).CompareTo(parse(bound)));
            }
            return value.GetValueKind() == JsonValueKind.Number && accept(value.GetValue<double>().CompareTo(bound.GetValue<double>()));
        }

        private static JsonObject Output(StandInPoint point, double? score, bool withPayload, bool withVector)
        {
            var output = new JsonObject { ["id"] = point.Id };
            if (score is { } s)
            {
                output["version"] = 1;
                output["score"] = s;
            }
            if (withPayload)
            {
                output["payload"] = point.Payload.DeepClone();
            }
            if (withVector)
            {
                var vectors = new JsonObject();
                foreach (var (name, dense) in point.Dense)
                {
                    vectors[name] = new JsonArray([.. dense.Select(v => (JsonNode)v)]);
                }
                foreach (var (name, sparse) in point.Sparse)
                {
                    vectors[name] = new JsonObject
                    {
                        ["indices"] = new JsonArray([.. sparse.Keys.Select(v => (JsonNode)v)]),
                        ["values"] = new JsonArray([.. sparse.Values.Select(v => (JsonNode)v)]),
                    };
                }
                output["vector"] = vectors;
            }
            return output;
        }

        private static bool Flag(JsonNode? node, bool fallback) => node is null ? fallback : node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new StandInError(400, "Bad request: the stand-in implements boolean with_payload/with_vector only"),
        };

        /// <summary>Qdrant parses any UUID text form and answers in lowercase hyphenated form.</summary>
        private static string NormaliseId(JsonNode id) => id.GetValueKind() == JsonValueKind.String && Guid.TryParse(id.GetValue<string>(), out var guid)
            ? guid.ToString("D")
            : throw new StandInError(400, "Bad request: the stand-in implements UUID point ids only");
    }
}
