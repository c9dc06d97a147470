using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using NJsonSchema.Validation;

namespace TradeBot.Core.Tests.Stores.Qdrant.Support;

/// <summary>
/// Qdrant's official OpenAPI 3.0 description (Data/qdrant-openapi.json, v1.19.0) turned into JSON Schema that a
/// Draft-7 validator reads strictly:
/// <list type="bullet">
/// <item><c>nullable: true</c> becomes a type union with null (a bare <c>{"nullable": true}</c> becomes
/// <c>{"type": "null"}</c>); left alone, a plain validator reads <c>{"nullable": true}</c> as "anything".</item>
/// <item>Objects that declare <c>properties</c> but say nothing about <c>additionalProperties</c> reject unknown
/// keys, so a misspelt property fails (the server would silently drop it).</item>
/// </list>
/// Each operation's request schema and JSON response schemas are looked up by method and path.
/// </summary>
internal sealed partial class QdrantOpenApi
{
    private static readonly Lazy<QdrantOpenApi> s_strict = new(() => Load(convert: true));
    private static readonly Lazy<QdrantOpenApi> s_naive = new(() => Load(convert: false));
    private static readonly HashSet<string> s_literalKeys = ["example", "examples", "default", "enum"];

    private readonly JsonSchema _root;
    private readonly List<Operation> _operations;
    private readonly ConcurrentDictionary<string, object> _locks = new();

    private QdrantOpenApi(JsonSchema root, List<Operation> operations)
    {
        _root = root;
        _operations = operations;
    }

    /// <summary>The converted, strict schemas.</summary>
    public static QdrantOpenApi Strict => s_strict.Value;

    /// <summary>The schemas as published, read by a plain JSON Schema validator: used to show why converting matters.</summary>
    public static QdrantOpenApi Naive => s_naive.Value;

    public static string DocumentPath => Path.Combine(AppContext.BaseDirectory, "Data", "qdrant-openapi.json");

    public int OperationCount => _operations.Count;

    /// <summary>Finds the operation for a concrete request path such as <c>/collections/news/points/query</c>.</summary>
    public Operation? Find(string method, string path)
    {
        var bare = path.Split('?')[0];
        return _operations.FirstOrDefault(o => o.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && o.PathPattern.IsMatch(bare));
    }

    /// <summary>Validates a request: the operation exists, query parameters are declared, the body fits the schema.</summary>
    public IReadOnlyList<string> ValidateRequest(string method, string pathAndQuery, string? body)
    {
        var operation = Find(method, pathAndQuery);
        if (operation is null)
        {
            return [$"{method} {pathAndQuery}: no such operation in the Qdrant 1.19 OpenAPI document"];
        }
        var errors = new List<string>();
        var query = pathAndQuery.Contains('?', StringComparison.Ordinal) ? pathAndQuery[(pathAndQuery.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        foreach (var name in query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]))
        {
            if (!operation.QueryParameters.Contains(name))
            {
                errors.Add($"{operation}: query parameter '{name}' is not declared");
            }
        }
        if (operation.RequestSchemaKey is null)
        {
            if (!string.IsNullOrEmpty(body))
            {
                errors.Add($"{operation}: takes no request body");
            }
            return errors;
        }
        if (string.IsNullOrEmpty(body))
        {
            errors.Add($"{operation}: request body is required");
            return errors;
        }
        errors.AddRange(Validate(operation.RequestSchemaKey, body).Select(e => $"{operation} request: {e}"));
        return errors;
    }

    /// <summary>Validates a JSON response body against the schema the operation documents for that status code.</summary>
    public IReadOnlyList<string> ValidateResponse(string method, string path, int statusCode, string body)
    {
        var operation = Find(method, path) ?? throw new ArgumentException($"{method} {path} is not in the document.", nameof(path));
        var key = operation.ResponseSchemaKeys.GetValueOrDefault(statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? (statusCode >= 400 && statusCode < 500 ? operation.ResponseSchemaKeys.GetValueOrDefault("4XX") : null)
            ?? operation.ResponseSchemaKeys.GetValueOrDefault("default");
        if (key is null)
        {
            return [$"{operation}: no JSON response documented for {statusCode}"];
        }
        return [.. Validate(key, body).Select(e => $"{operation} response {statusCode}: {e}")];
    }

    /// <summary>Validates JSON against a named component schema, e.g. <c>QueryRequest</c>.</summary>
    public IReadOnlyList<string> ValidateComponent(string schemaName, string json) => Validate(schemaName, json);

    private IReadOnlyList<string> Validate(string definition, string json)
    {
        var schema = _root.Definitions[definition];
        ICollection<ValidationError> errors;
        // NJsonSchema's validator is not documented as thread-safe for one schema; tests run in parallel.
        lock (_locks.GetOrAdd(definition, _ => new object()))
        {
            errors = schema.Validate(json);
        }
        return [.. errors.SelectMany(Flatten)];
    }

    private static IEnumerable<string> Flatten(ValidationError error)
    {
        yield return $"{error.Kind} at {error.Path}";
        if (error is ChildSchemaValidationError child)
        {
            foreach (var nested in child.Errors.Values.SelectMany(e => e).SelectMany(Flatten))
            {
                yield return "  " + nested;
            }
        }
    }

    private static QdrantOpenApi Load(bool convert)
    {
        var document = JsonNode.Parse(File.ReadAllText(DocumentPath))!.AsObject();
        var definitions = new JsonObject();
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            definitions[name] = Convert(schema!.DeepClone(), convert);
        }

        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (method == "parameters" || node is not JsonObject op)
                {
                    continue;
                }
                var id = op["operationId"]?.GetValue<string>() ?? $"{method} {path}";
                string? requestKey = null;
                if (op["requestBody"]?["content"]?["application/json"]?["schema"] is { } requestSchema)
                {
                    requestKey = $"op:{id}:request";
                    definitions[requestKey] = Convert(requestSchema.DeepClone(), convert);
                }
                var responseKeys = new Dictionary<string, string>();
                foreach (var (status, response) in op["responses"]?.AsObject() ?? [])
                {
                    if (response?["content"]?["application/json"]?["schema"] is { } responseSchema)
                    {
                        var key = $"op:{id}:response:{status}";
                        definitions[key] = Convert(responseSchema.DeepClone(), convert);
                        responseKeys[status] = key;
                    }
                }
                var queryParameters = (op["parameters"]?.AsArray() ?? [])
                    .Where(p => p?["in"]?.GetValue<string>() == "query")
                    .Select(p => p!["name"]!.GetValue<string>())
                    .ToHashSet();
                var pattern = new Regex("^" + PathParameter().Replace(Regex.Escape(path).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "$");
                operations.Add(new Operation(method.ToUpperInvariant(), path, id, pattern, requestKey, responseKeys, queryParameters));
            }
        }

        var root = new JsonObject { ["definitions"] = definitions };
        var schemaRoot = JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
        return new QdrantOpenApi(schemaRoot, operations);
    }

    /// <summary>OpenAPI 3.0 schema → strict JSON Schema (see the class remarks); refs point at <c>#/definitions</c>.</summary>
    private static JsonNode? Convert(JsonNode? node, bool strict)
    {
        switch (node)
        {
            case JsonArray array:
            {
                var items = array.ToList();
                array.Clear();
                foreach (var item in items)
                {
                    array.Add(Convert(item, strict));
                }
                return array;
            }
            case JsonObject obj:
            {
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key == "properties" && obj[key] is JsonObject properties)
                    {
                        // Keys of a properties map are property names ("default" is one in places), values are schemas.
                        foreach (var name in properties.Select(p => p.Key).ToList())
                        {
                            var schema = properties[name];
                            properties.Remove(name);
                            properties[name] = Convert(schema, strict);
                        }
                    }
                    else if (!s_literalKeys.Contains(key))
                    {
                        var value = obj[key];
                        obj.Remove(key);
                        obj[key] = Convert(value, strict);
                    }
                }
                if (obj["$ref"] is JsonValue reference)
                {
                    obj["$ref"] = reference.GetValue<string>().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                }
                if (!strict)
                {
                    return obj;
                }
                if (obj["properties"] is not null && !obj.ContainsKey("additionalProperties"))
                {
                    obj["additionalProperties"] = false;
                }
                if (!obj.ContainsKey("nullable"))
                {
                    return obj;
                }
                var nullable = obj["nullable"]!.GetValue<bool>();
                obj.Remove("nullable");
                if (!nullable)
                {
                    return obj;
                }
                if (obj["type"] is JsonValue type)
                {
                    obj["type"] = new JsonArray(type.GetValue<string>(), "null");
                    if (obj["enum"] is JsonArray values)
                    {
                        values.Add(null);
                    }
                    return obj;
                }
                var constrains = obj.Any(p => p.Key is not ("description" or "default" or "deprecated" or "title" or "example"));
                if (!constrains)
                {
                    obj["type"] = "null";
                    return obj;
                }
                return new JsonObject { ["anyOf"] = new JsonArray(obj, new JsonObject { ["type"] = "null" }) };
            }
            default:
                return node;
        }
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex PathParameter();

    internal sealed record Operation(
        string Method,
        string Path,
        string Id,
        Regex PathPattern,
        string? RequestSchemaKey,
        IReadOnlyDictionary<string, string> ResponseSchemaKeys,
        IReadOnlySet<string> QueryParameters)
    {
        public override string ToString() => $"{Method} {Path} ({Id})";
    }
}
