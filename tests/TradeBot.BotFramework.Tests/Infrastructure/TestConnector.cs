using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>
/// A Bot Connector on loopback that records every activity the bot sends. <see cref="Respond"/> decides the status
/// of each call (default 201 with an id), so tests can refuse or fail calls.
/// </summary>
internal sealed class TestConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private WebApplication? _app;
    private int _calls;

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Given the 1-based call number, the status to answer.</summary>
    public Func<int, int> Respond { get; set; } = _ => StatusCodes.Status201Created;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Every call, refused ones included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static async Task<TestConnector> StartAsync()
    {
        var connector = new TestConnector();
        var (app, address) = await LoopbackHost.StartAsync(_ => { }, app => app.MapMethods("/{**path}", ["POST", "PUT", "DELETE"], connector.HandleAsync));
        connector._app = app;
        connector.ServiceUrl = address;
        return connector;
    }

    /// <summary>Waits until a recorded request matches, or fails the test after <paramref name="timeout"/>.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching request reached the connector; it saw {_requests.Count}: "
                    + string.Join(", ", _requests.Select(r => $"{r.Activity.Type} {r.Path}")));
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var activity = await JsonSerializer.DeserializeAsync<Activity>(context.Request.Body, ActivitySerializer.Options) ?? new Activity();
        var call = Interlocked.Increment(ref _calls);
        var status = Respond(call);
        var id = $"reply-{call}";
        if (status < 300)
        {
            _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers.Authorization.FirstOrDefault(), activity, id));
            _arrived.Release();
        }

        context.Response.StatusCode = status;
        if (status < 300)
        {
            await context.Response.WriteAsJsonAsync(new { id });
        }
    }
}
