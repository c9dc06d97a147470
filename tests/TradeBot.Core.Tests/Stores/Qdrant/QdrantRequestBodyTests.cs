using System.Text.Json.Nodes;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// Every request the client produces, for every operation it uses, validates against that operation's request schema
/// in Qdrant's 1.19 OpenAPI document; the same bodies, broken in one place, fail.
/// </summary>
public sealed class QdrantRequestBodyTests : IAsyncLifetime
{
    private static readonly string[] s_expectedOperations =
    [
        "collection_exists", "create_collection", "get_collection", "create_field_index", "upsert_points",
        "get_points", "scroll_points", "query_points", "delete_points", "delete_collection",
    ];

    private QdrantStandIn _standIn = null!;
    private List<QdrantStandIn.RecordedRequest> _requests = null!;

    public async Task InitializeAsync()
    {
        _standIn = await QdrantStandIn.StartAsync(apiKey: "s3cret-key");
        using var host = new QdrantTestHost(_standIn.Endpoint, "bodies", new Dictionary<string, string?> { ["VectorStore:Qdrant:ApiKey"] = "s3cret-key" });
        var collection = host.Collection;
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var sources = new[] { "Reuters", "AP" };

        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Passages.Create("a", 0, "Steel tariffs rise."), Passages.Create("a", 1, "Talks resume."), Passages.Create("b", 0, "Soybean quota cut.", "AP", published: null)]);
        await collection.GetAsync(Passages.Create("a", 0, "x").Id);
        await collection.GetAsync(r => (r.Source == "Reuters" || sources.Contains(r.Source)) && r.Published >= from && r.ArticleId != "z", 5).ToListAsync();
        await collection.SearchAsync(TestEmbeddings.Embed("steel"), 3, new() { Filter = r => r.ArticleId == "a", ScoreThreshold = 0.1, Skip = 1 }).ToListAsync();
        await collection.HybridSearchAsync(TestEmbeddings.Embed("steel"), ["steel", "tariff"], 3, new() { Filter = r => r.Published <= DateTimeOffset.UtcNow && r.StoryId == "a" }).ToListAsync();
        await collection.DeleteAsync([Passages.Create("a", 1, "x").Id]);
        await collection.DeleteArticleAsync("b");
        await collection.EnsureCollectionDeletedAsync();
        _requests = [.. _standIn.Requests];
    }

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public void EveryRequest_ValidatesAgainstItsOperationSchema()
    {
        Assert.Empty(_standIn.Violations);
        foreach (var request in _requests)
        {
            Assert.Empty(QdrantOpenApi.Strict.ValidateRequest(request.Method, request.PathAndQuery, request.Body));
        }
    }

    [Fact]
    public void Scenario_CoversEveryOperationTheStoreUses()
    {
        var used = _requests.Select(r => QdrantOpenApi.Strict.Find(r.Method, r.PathAndQuery)!.Id).ToHashSet();
        Assert.Superset(s_expectedOperations.ToHashSet(), used);
        Assert.Equal(s_expectedOperations.Order(), used.Order());
    }

    [Fact]
    public void EveryRequest_SendsTheApiKeyHeader()
    {
        Assert.All(_requests, r => Assert.Equal("s3cret-key", r.ApiKey));
    }

    [Fact]
    public void Writes_WaitForTheServer()
    {
        var writes = _requests.Where(r => (r.Method == "PUT" && r.PathAndQuery.Contains("/points", StringComparison.Ordinal))
            || r.PathAndQuery.Contains("/points/delete", StringComparison.Ordinal)
            || r.PathAndQuery.Contains("/index", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 + 2 + 4, writes.Count); // two upsert batches, two deletes, four payload indexes
        Assert.All(writes, r => Assert.Contains("wait=true", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public void CreateCollection_DeclaresDenseCosineSparseIdfAndEmbedderMetadata()
    {
        var body = Body("PUT", "/collections/bodies");
        Assert.Equal(TestEmbeddings.Dimension, body["vectors"]!["dense"]!["size"]!.GetValue<int>());
        Assert.Equal("Cosine", body["vectors"]!["dense"]!["distance"]!.GetValue<string>());
        Assert.Equal("idf", body["sparse_vectors"]!["bm25"]!["modifier"]!.GetValue<string>());
        Assert.Equal(TestEmbeddings.Name, body["metadata"]!["embedder"]!.GetValue<string>());
        Assert.Equal(TestEmbeddings.Dimension, body["metadata"]!["dimension"]!.GetValue<int>());
    }

    [Fact]
    public void PayloadIndexes_CoverFilteredFields()
    {
        var indexes = _requests.Where(r => r.PathAndQuery.StartsWith("/collections/bodies/index", StringComparison.Ordinal))
            .Select(r => JsonNode.Parse(r.Body)!)
            .ToDictionary(b => b["field_name"]!.GetValue<string>(), b => b["field_schema"]!.GetValue<string>());
        Assert.Equal("keyword", indexes["article_id"]);
        Assert.Equal("keyword", indexes["source"]);
        Assert.Equal("datetime", indexes["published"]);
        Assert.Equal("keyword", indexes["story_id"]);
    }

    [Fact]
    public void Upsert_BatchesPointsWithUuidIdsAndUtcDates()
    {
        var upserts = _requests.Where(r => r.Method == "PUT" && r.PathAndQuery.StartsWith("/collections/bodies/points", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, upserts.Count); // three passages, batch size 2
        var point = JsonNode.Parse(upserts[0].Body)!["points"]![0]!;
        Assert.True(Guid.TryParseExact(point["id"]!.GetValue<string>(), "D", out _));
        Assert.Equal("2025-03-01T12:00:00Z", point["payload"]!["published"]!.GetValue<string>());
        Assert.NotEmpty(point["vector"]!["bm25"]!["indices"]!.AsArray());
    }

    [Fact]
    public void HybridQuery_PrefetchesDenseAndSparseFusesWithRrfK60AndFiltersServerSide()
    {
        var body = _requests.Select(r => JsonNode.Parse(r.Body.Length == 0 ? "{}" : r.Body)!).Single(b => b["prefetch"] is not null);
        var prefetch = body["prefetch"]!.AsArray();
        Assert.Equal(["dense", "bm25"], prefetch.Select(p => p!["using"]!.GetValue<string>()));
        Assert.All(prefetch, p => Assert.NotNull(p!["filter"]));
        Assert.Equal(60, body["query"]!["rrf"]!["k"]!.GetValue<int>());
        Assert.True(body["with_payload"]!.GetValue<bool>());
        Assert.NotNull(body["filter"]);
    }

    public static TheoryData<string, string, string, string> Breakages => new()
    {
        { "PUT", "/collections/bodies", "\"Cosine\"", "\"cosine\"" },
        { "PUT", "/collections/bodies", "\"modifier\":\"idf\"", "\"modifier\":\"IDF\"" },
        { "PUT", "/collections/bodies", "\"modifier\"", "\"modifer\"" },
        { "PUT", "/collections/bodies", "\"size\":32", "\"size\":\"32\"" },
        { "POST", "/collections/bodies/points/scroll", "\"must\"", "\"Must\"" },
        { "POST", "/collections/bodies/points/scroll", "\"limit\":", "\"limits\":" },
        { "POST", "/collections/bodies/points/query", "{\"rrf\":{\"k\":60}}", "{\"fusion\":\"RRF\"}" },
        { "POST", "/collections/bodies/points/query", "\"with_payload\":true", "\"with_payload\":\"yes\"" },
        { "POST", "/collections/bodies/points/delete?wait=true", "\"points\"", "\"point\"" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void ClientBody_BrokenInOnePlace_FailsValidation(string method, string path, string good, string bad)
    {
        var request = _requests.First(r => r.Method == method && r.PathAndQuery == path && r.Body.Contains(good, StringComparison.Ordinal));
        Assert.Empty(QdrantOpenApi.Strict.ValidateRequest(method, path, request.Body));

        var broken = request.Body.Replace(good, bad, StringComparison.Ordinal);

        Assert.NotEmpty(QdrantOpenApi.Strict.ValidateRequest(method, path, broken));
    }

    private JsonNode Body(string method, string path) =>
        JsonNode.Parse(_requests.First(r => r.Method == method && r.PathAndQuery == path).Body)!;
}
