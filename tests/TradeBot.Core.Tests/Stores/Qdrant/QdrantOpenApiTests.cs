using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// The validator itself: known-good bodies (written after Qdrant's documented examples) pass, and deliberately broken
/// ones fail. Without the conversion of <c>nullable</c> some of the broken ones pass, which is why it exists.
/// </summary>
public sealed class QdrantOpenApiTests
{
    private const string Collection = "/collections/trade_news";

    public static TheoryData<string, string, string> ValidBodies => new()
    {
        { "PUT", Collection, """{"vectors":{"dense":{"size":4,"distance":"Cosine"}},"sparse_vectors":{"bm25":{"modifier":"idf"}},"metadata":{"embedder":"e","dimension":4}}""" },
        { "PUT", Collection + "/index?wait=true", """{"field_name":"published","field_schema":"datetime"}""" },
        { "PUT", Collection + "/points?wait=true", """{"points":[{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","vector":{"dense":[0.1,0.2,0.3,0.4],"bm25":{"indices":[1,7],"values":[1.2,0.8]}},"payload":{"article_id":"a"}}]}""" },
        { "POST", Collection + "/points/delete?wait=true", """{"filter":{"must":[{"key":"article_id","match":{"value":"a"}}]}}""" },
        { "POST", Collection + "/points/delete?wait=true", """{"points":["5c56c793-69f3-4fbf-87e6-c4bf54c28c26"]}""" },
        { "POST", Collection + "/points/query", """{"prefetch":[{"query":[0.1,0.2,0.3,0.4],"using":"dense","limit":50},{"query":{"indices":[1],"values":[1.0]},"using":"bm25","limit":50}],"query":{"rrf":{"k":60}},"filter":{"must":[{"key":"published","range":{"gte":"2025-01-01T00:00:00Z"}}]},"limit":10,"with_payload":true}""" },
        { "POST", Collection + "/points/scroll", """{"filter":{"must":[{"key":"source","match":{"any":["Reuters","AP"]}}]},"limit":256,"with_payload":true,"with_vector":false}""" },
        { "POST", Collection + "/points", """{"ids":["5c56c793-69f3-4fbf-87e6-c4bf54c28c26"],"with_payload":true,"with_vector":false}""" },
    };

    /// <summary>Each broken body differs from a valid one in one place that the server would not accept or would silently ignore.</summary>
    public static TheoryData<string, string, string, string> BrokenBodies => new()
    {
        { "distance in wrong case", "PUT", Collection, """{"vectors":{"dense":{"size":4,"distance":"cosine"}}}""" },
        { "modifier in wrong case", "PUT", Collection, """{"vectors":{"dense":{"size":4,"distance":"Cosine"}},"sparse_vectors":{"bm25":{"modifier":"IDF"}}}""" },
        { "misspelt modifier property", "PUT", Collection, """{"vectors":{"dense":{"size":4,"distance":"Cosine"}},"sparse_vectors":{"bm25":{"modifer":"idf"}}}""" },
        { "hnsw m of wrong type", "PUT", Collection, """{"vectors":{"dense":{"size":4,"distance":"Cosine"}},"hnsw_config":{"m":"sixteen"}}""" },
        { "size of wrong type", "PUT", Collection, """{"vectors":{"dense":{"size":"4","distance":"Cosine"}}}""" },
        { "misspelt filter clause", "POST", Collection + "/points/scroll", """{"filter":{"musts":[{"key":"source","match":{"value":"AP"}}]},"limit":10}""" },
        { "fusion in wrong case", "POST", Collection + "/points/query", """{"prefetch":[{"query":[0.1,0.2],"using":"dense","limit":5}],"query":{"fusion":"RRF"},"limit":5}""" },
        { "rrf k of wrong type", "POST", Collection + "/points/query", """{"prefetch":[{"query":[0.1,0.2],"using":"dense","limit":5}],"query":{"rrf":{"k":"60"}},"limit":5}""" },
        { "misspelt with_payload", "POST", Collection + "/points/query", """{"query":[0.1,0.2],"using":"dense","limit":5,"with_paylod":true}""" },
        { "sparse indices negative", "PUT", Collection + "/points?wait=true", """{"points":[{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","vector":{"bm25":{"indices":[-1],"values":[1.0]}}}]}""" },
        { "point id not a uuid", "PUT", Collection + "/points?wait=true", """{"points":[{"id":"article-1#0","vector":{"dense":[0.1]}}]}""" },
        { "wait in the body instead of the query", "PUT", Collection + "/index", """{"field_name":"source","field_schema":"keyword","wait":true}""" },
        { "payload index type in wrong case", "PUT", Collection + "/index", """{"field_name":"source","field_schema":"Keyword"}""" },
        { "undeclared query parameter", "PUT", Collection + "/points?wiat=true", """{"points":[]}""" },
        { "removed search endpoint", "POST", Collection + "/points/search", """{"vector":[0.1,0.2],"limit":5}""" },
    };

    [Fact]
    public void Document_IsQdrant119WithAllOperations()
    {
        Assert.Equal(69, QdrantOpenApi.Strict.OperationCount);
        // The file is docs/redoc/master/openapi.json at tag v1.19.0 (see /work/shared/qdrant/SOURCE.md); it names itself "master".
        Assert.Equal(516_833, new FileInfo(QdrantOpenApi.DocumentPath).Length);
    }

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public void ValidateRequest_DocumentedShape_Passes(string method, string path, string body)
    {
        Assert.Empty(QdrantOpenApi.Strict.ValidateRequest(method, path, body));
    }

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public void ValidateRequest_BrokenBody_Fails(string why, string method, string path, string body)
    {
        Assert.True(QdrantOpenApi.Strict.ValidateRequest(method, path, body).Count > 0, $"'{why}' passed validation");
    }

    [Theory]
    [InlineData("""{"vectors":{"dense":{"size":4,"distance":"Cosine"}},"sparse_vectors":{"bm25":{"modifier":"IDF"}}}""")]
    [InlineData("""{"vectors":{"dense":{"size":4,"distance":"Cosine"}},"hnsw_config":{"m":"sixteen"}}""")]
    public void ValidateRequest_UnconvertedNullable_AcceptsWhatTheServerRejects(string body)
    {
        // The trap the conversion removes: {"nullable": true} as a JSON Schema accepts anything.
        Assert.Empty(QdrantOpenApi.Naive.ValidateRequest("PUT", Collection, body));
        Assert.NotEmpty(QdrantOpenApi.Strict.ValidateRequest("PUT", Collection, body));
    }
}
