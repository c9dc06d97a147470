using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>
/// A loopback web server (real HTTP, Kestrel on 127.0.0.1 with a free port) whose paths answer what the test sets:
/// a feed, article pages, robots.txt, failures. It honours If-None-Match for the ETag a response was given, and
/// records every request (path and conditional headers).
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<(string Path, string? IfNoneMatch)> Requests { get; } = new();

    /// <summary>The User-Agent of every request, in order.</summary>
    public ConcurrentQueue<string> UserAgents { get; } = new();

    public static async Task<FeedServer> StartAsync()
    {
        var server = new FeedServer();
        (server._app, server.Address) = await LoopbackHost.StartAsync(_ => { }, app => app.Run(server.HandleAsync));
        return server;
    }

    public string Url(string path) => new Uri(Address, path).ToString();

    public int RequestsFor(string path) => Requests.Count(r => r.Path == path);

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>; with an ETag, a request that sends it back gets 304.</summary>
    public void Serve(string path, string body, string contentType = "application/rss+xml", string? etag = null) =>
        _routes[path] = async context =>
        {
            if (etag is not null)
            {
                context.Response.Headers.ETag = etag;
                if (context.Request.Headers.IfNoneMatch == etag)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }
            }
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, context.RequestAborted);
        };

    /// <summary>Answers <paramref name="path"/> with a status code (and a Retry-After in seconds, when given).</summary>
    public void Fail(string path, int status, int? retryAfterSeconds = null) =>
        _routes[path] = context =>
        {
            context.Response.StatusCode = status;
            if (retryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Task.CompletedTask;
        };

    /// <summary>Answers nothing at <paramref name="path"/> until the client gives up; <paramref name="arrived"/> is set when the request is in.</summary>
    public void Hang(string path, TaskCompletionSource arrived) =>
        _routes[path] = async context =>
        {
            arrived.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        };

    public void Redirect(string path, string location, int status = StatusCodes.Status302Found) =>
        _routes[path] = context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        };

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue((path, context.Request.Headers.IfNoneMatch.FirstOrDefault()));
        UserAgents.Enqueue(context.Request.Headers.UserAgent.ToString());
        if (_routes.TryGetValue(path, out var route))
        {
            return route(context);
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
