using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Stores.Qdrant.Api;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// The client parses answers shaped by the OpenAPI document: each JSON example is first checked against the
/// documented response schema of its operation, then fed to the client through a stub handler.
/// </summary>
public sealed class QdrantResponseParsingTests
{
    private const string Id = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";

    [Fact]
    public async Task QueryPoints_DocumentedAnswer_ParsesScoresAndPayload()
    {
        const string body = $$$"""
            {"result":{"points":[{"id":"{{{Id}}}","version":3,"score":0.032,"payload":{"article_id":"a","ordinal":1,"text":"Steel.","title":"T","source":"AP","url":"https://x","published":"2025-03-01T12:00:00Z","story_id":"a","extra":"ignored"}}]},
             "status":"ok","time":0.002,"usage":{"hardware":null}}
            """;
        var client = ClientAnswering("POST", "/collections/news/points/query", HttpStatusCode.OK, body);

        var response = await client.QueryAsync("news", new QueryRequest { Query = new QueryInput.Dense([0.1f]), Limit = 1 });

        var point = Assert.Single(response.Points);
        Assert.Equal(Guid.Parse(Id), point.Id);
        Assert.Equal(0.032, point.Score, 6);
        Assert.Equal("AP", point.Payload!.Source);
        Assert.Equal("2025-03-01T12:00:00Z", point.Payload.Published);
    }

    [Fact]
    public async Task Scroll_DocumentedAnswer_ParsesNextPageOffset()
    {
        const string body = $$$"""{"result":{"points":[{"id":"{{{Id}}}","payload":{"article_id":"a"}}],"next_page_offset":"{{{Id}}}"},"status":"ok","time":0.001}""";
        var client = ClientAnswering("POST", "/collections/news/points/scroll", HttpStatusCode.OK, body);

        var page = await client.ScrollAsync("news", new ScrollRequest { Limit = 1 });

        Assert.Equal(Guid.Parse(Id), page.NextPageOffset);
        Assert.Equal("a", Assert.Single(page.Points).Payload!.ArticleId);
    }

    [Fact]
    public async Task Upsert_DocumentedAnswer_ParsesUpdateResult()
    {
        const string body = """{"result":{"operation_id":12,"status":"completed"},"status":"ok","time":0.004}""";
        var client = ClientAnswering("PUT", "/collections/news/points", HttpStatusCode.OK, body);

        var result = await client.UpsertPointsAsync("news", new UpsertPointsRequest([]));

        Assert.Equal("completed", result.Status);
        Assert.Equal(12, result.OperationId);
    }

    [Fact]
    public async Task CollectionExists_DocumentedAnswer_ParsesFlag()
    {
        var client = ClientAnswering("GET", "/collections/news/exists", HttpStatusCode.OK, """{"result":{"exists":true},"status":"ok","time":0.0}""");

        Assert.True(await client.CollectionExistsAsync("news"));
    }

    public static TheoryData<HttpStatusCode, string, string, QdrantErrorKind, string> Errors => new()
    {
        { HttpStatusCode.NotFound, "application/json", """{"status":{"error":"Not found: Collection `news` doesn't exist!"},"time":0.0}""", QdrantErrorKind.CollectionMissing, "doesn't exist" },
        { HttpStatusCode.BadRequest, "application/json", """{"status":{"error":"Wrong input: Vector dimension error: expected dim: 1024, got 768"},"time":0.0}""", QdrantErrorKind.VectorSizeMismatch, "expected dim: 1024" },
        { HttpStatusCode.Unauthorized, "text/plain", "Must provide an API key or an Authorization bearer token", QdrantErrorKind.Unauthorized, "Must provide an API key" },
        { HttpStatusCode.Forbidden, "text/plain", "Invalid API key or JWT", QdrantErrorKind.Unauthorized, "Invalid API key" },
        { HttpStatusCode.Conflict, "application/json", """{"status":{"error":"Wrong input: Collection `news` already exists!"},"time":0.0}""", QdrantErrorKind.BadRequest, "already exists" },
        { HttpStatusCode.UnprocessableEntity, "application/json", """{"status":{"error":"Validation error in JSON body: [limit: value 0 invalid, must be 1 or larger]"},"time":0.0}""", QdrantErrorKind.BadRequest, "Validation error" },
        { HttpStatusCode.BadRequest, "application/json", "{\"status\":{\"error\":", QdrantErrorKind.BadRequest, "{\"status\"" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task ErrorAnswer_BecomesExceptionNamingTheCause(HttpStatusCode status, string contentType, string body, QdrantErrorKind kind, string detail)
    {
        if (contentType == "application/json" && body.EndsWith('}'))
        {
            Assert.Empty(QdrantOpenApi.Strict.ValidateResponse("POST", "/collections/news/points/query", (int)status, body));
        }
        var client = Client(new StubHandler(_ => Answer(status, contentType, body)));

        var error = await Assert.ThrowsAsync<QdrantException>(() => client.QueryAsync("news", new QueryRequest { Query = new QueryInput.Dense([0.1f]), Limit = 1 }));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
        Assert.Equal("query points", error.OperationName);
    }

    [Theory]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("""{"result":{"points":"not a list"},"status":"ok"}""")]
    [InlineData("""{"status":"ok","time":0.1}""")]
    [InlineData("")]
    public async Task SuccessWithUnexpectedBody_IsMalformedResponse(string body)
    {
        var client = Client(new StubHandler(_ => Answer(HttpStatusCode.OK, "application/json", body)));

        var error = await Assert.ThrowsAsync<QdrantException>(() => client.QueryAsync("news", new QueryRequest { Query = new QueryInput.Dense([0.1f]), Limit = 1 }));

        Assert.Equal(QdrantErrorKind.MalformedResponse, error.Kind);
    }

    private static QdrantRestClient ClientAnswering(string method, string path, HttpStatusCode status, string body)
    {
        Assert.Empty(QdrantOpenApi.Strict.ValidateResponse(method, path, (int)status, body));
        return Client(new StubHandler(_ => Answer(status, "application/json", body)));
    }

    private static QdrantRestClient Client(StubHandler handler)
    {
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://qdrant.test:6333/") };
        return new QdrantRestClient(() => http, NullLogger<QdrantRestClient>.Instance);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string contentType, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
}
