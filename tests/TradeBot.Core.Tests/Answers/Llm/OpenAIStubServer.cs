using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TradeBot.Core.Tests.Answers.Llm;

/// <summary>
/// A local OpenAI-compatible server on loopback: <c>POST /v1/chat/completions</c> (and Azure OpenAI's routes) answers with the scripted replies
/// in order (500 when none is left), <c>POST /v1/embeddings</c> with deterministic vectors. Every request is recorded.
/// </summary>
internal sealed class OpenAIStubServer : IAsyncDisposable
{
    public const int EmbeddingDimensions = 8;
    private readonly ConcurrentQueue<StubReply> _replies = new();
    private WebApplication _app = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The server's root, as an Azure OpenAI resource endpoint.</summary>
    public Uri Root => new(Endpoint, "/");

    /// <summary>Served at <c>GET /files/{name}</c>, for download tests.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public IReadOnlyList<RecordedRequest> ChatRequests => Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();

    public static async Task<OpenAIStubServer> StartAsync()
    {
        var server = new OpenAIStubServer();
        var (app, address) = await LoopbackHost.StartAsync(_ => { }, app =>
        {
            app.MapPost("/v1/chat/completions", server.ChatAsync);
            // Azure OpenAI: the deployment route and the v1 route of a resource.
            app.MapPost("/openai/deployments/{deployment}/chat/completions", server.ChatAsync);
            app.MapPost("/openai/v1/chat/completions", server.ChatAsync);
            app.MapPost("/v1/embeddings", server.EmbeddingsAsync);
            app.MapGet("/files/{name}", (string name) => server.Files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes) : Results.NotFound());
        });
        server._app = app;
        server.Endpoint = new Uri(address, "/v1");
        return server;
    }

    public OpenAIStubServer Reply(params StubReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ChatAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        var reply = _replies.TryDequeue(out var next) ? next : StubReply.Status(500, "{\"error\":{\"message\":\"no scripted reply\"}}");
        await reply.WriteAsync(context, request.Stream);
    }

    private async Task EmbeddingsAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        var input = request.Body.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.String ? [input.GetString()!] : input.EnumerateArray().Select(e => e.GetString()!).ToList();
        var data = texts.Select((text, i) => new { @object = "embedding", index = i, embedding = Vector(text) }).ToList();
        var response = new { @object = "list", data, model = request.Model, usage = new { prompt_tokens = 1, total_tokens = 1 } };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(response), context.RequestAborted);
    }

    /// <summary>The vector the stub gives a text: its length, then the counts of a few letters.</summary>
    public static float[] Vector(string text) =>
        [text.Length, .. "aeiostn".Select(c => (float)text.Count(x => char.ToLowerInvariant(x) == c))];

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var request = new RecordedRequest(context.Request.Path.Value ?? string.Empty, context.Request.Headers.Authorization.ToString(), body.RootElement.Clone(),
            context.Request.Headers["api-key"].ToString());
        Requests.Enqueue(request);
        return request;
    }
}
