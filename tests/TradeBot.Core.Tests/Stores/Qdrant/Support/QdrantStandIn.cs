using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TradeBot.Core.Tests.Stores.Qdrant.Support;

/// <summary>
/// A Qdrant stand-in on a real loopback socket (Kestrel, 127.0.0.1, random port). Every request is checked against
/// the official OpenAPI document (operation, query parameters, body) and every JSON answer against the documented
/// response schema; violations are recorded and fail the tests that look at <see cref="Violations"/>. An
/// <see cref="Intercept"/> hook lets fault tests answer first (delays, 500, 429, malformed bodies).
/// </summary>
internal sealed class QdrantStandIn : IAsyncDisposable
{
    private static readonly HashSet<string> s_openPaths = ["/", "/healthz", "/livez", "/readyz"];

    private readonly WebApplication _app;
    private readonly QdrantStandInEngine _engine = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly string? _apiKey;
    private int _count;

    private QdrantStandIn(WebApplication app, string? apiKey)
    {
        _app = app;
        _apiKey = apiKey;
    }

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>Answers a request before the engine does; returns true when it did. Gets the 1-based request number.</summary>
    public Func<HttpContext, int, Task<bool>>? Intercept { get; set; }

    public static async Task<QdrantStandIn> StartAsync(string? apiKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new QdrantStandIn(app, apiKey);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        var request = context.Request;
        var pathAndQuery = request.Path.Value + request.QueryString.Value;
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        _requests.Enqueue(new RecordedRequest(request.Method, pathAndQuery, body, request.Headers["api-key"].ToString()));

        if (Intercept is { } intercept && await intercept(context, number))
        {
            return;
        }
        if (_apiKey is not null && !s_openPaths.Contains(request.Path.Value!) && request.Headers["api-key"] != _apiKey)
        {
            // Qdrant's authentication middleware answers in plain text, not in the JSON envelope.
            await WriteAsync(context, new StandInResponse(401, "text/plain", "Must provide an API key or an Authorization bearer token"));
            return;
        }

        var errors = QdrantOpenApi.Strict.ValidateRequest(request.Method, pathAndQuery, body);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                _violations.Enqueue(error);
            }
            await WriteAsync(context, QdrantStandInEngine.Error(400, "Format error in JSON body: " + string.Join("; ", errors)));
            return;
        }

        JsonNode? json;
        try
        {
            json = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            await WriteAsync(context, QdrantStandInEngine.Error(400, "Format error in JSON body: " + ex.Message));
            return;
        }
        var response = _engine.Handle(request.Method, request.Path.Value!, json);
        if (response.ContentType == "application/json")
        {
            foreach (var error in QdrantOpenApi.Strict.ValidateResponse(request.Method, request.Path.Value!, response.Status, response.Body))
            {
                _violations.Enqueue(error);
            }
        }
        await WriteAsync(context, response);
    }

    public static async Task WriteAsync(HttpContext context, StandInResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    internal sealed record RecordedRequest(string Method, string PathAndQuery, string Body, string ApiKey);
}
