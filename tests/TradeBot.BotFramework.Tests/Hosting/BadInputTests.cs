using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Hosting;

/// <summary>Malformed requests get a 4xx with a ProblemDetails body that says what is wrong, and the server goes on.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private BotTestServer _bot = null!;

    public async Task InitializeAsync() => _bot = await BotTestServer.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("{\"type\":\"message\",", HttpStatusCode.BadRequest, "not a valid Activity")]
    [InlineData("[{\"type\":\"message\"}]", HttpStatusCode.BadRequest, "must be a JSON object")]
    [InlineData("\"message\"", HttpStatusCode.BadRequest, "must be a JSON object")]
    [InlineData("", HttpStatusCode.BadRequest, "body is empty")]
    [InlineData("{\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"http://127.0.0.1:9\"}", HttpStatusCode.BadRequest, "no 'type'")]
    [InlineData("{\"type\":\"message\",\"serviceUrl\":\"http://127.0.0.1:9\"}", HttpStatusCode.BadRequest, "no 'conversation.id'")]
    [InlineData("{\"type\":\"message\",\"conversation\":{}}", HttpStatusCode.BadRequest, "no 'conversation.id'")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"c\"}}", HttpStatusCode.BadRequest, "no 'serviceUrl'")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"file:///etc\"}", HttpStatusCode.BadRequest, "absolute http or https")]
    [InlineData("{\"type\":\"message\",\"text\":5,\"conversation\":{\"id\":\"c\"}}", HttpStatusCode.BadRequest, "not a valid Activity")]
    [InlineData("{\"type\":7,\"conversation\":{\"id\":\"c\"}}", HttpStatusCode.BadRequest, "not a valid Activity")]
    public async Task ProcessAsync_MalformedBody_ReturnsProblemDetails(string body, HttpStatusCode expected, string detailPart)
    {
        using var response = await PostRawAsync(Encoding.UTF8.GetBytes(body));

        await AssertProblemAsync(response, expected, detailPart);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ProcessAsync_FiveMegabyteBody_Returns413()
    {
        var text = new string('a', 5 * 1024 * 1024);
        var body = Encoding.UTF8.GetBytes($"{{\"type\":\"message\",\"text\":\"{text}\",\"conversation\":{{\"id\":\"c\"}}}}");

        using var response = await PostRawAsync(body);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ProcessAsync_ChunkedBodyOverLimit_Returns413()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"type\":\"message\",\"text\":\"{new string('a', 400_000)}\"}}");
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ProcessAsync_FormContentType_Returns415()
    {
        using var response = await _bot.Client.PostAsync("/api/messages", new StringContent("type=message", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task ApiMessages_Get_Returns405()
    {
        using var response = await _bot.Client.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostRawAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await _bot.Client.PostAsync("/api/messages", content);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string detailPart)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task AssertStillServingAsync()
    {
        var replies = await _bot.PostExpectingRepliesAsync(TestActivities.Message(null, "ping"));
        Assert.Equal("echo: ping", replies.Activities.Last().Text);
    }
}
