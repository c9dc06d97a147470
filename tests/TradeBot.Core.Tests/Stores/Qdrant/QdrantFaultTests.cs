using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// Failure behaviour over a real loopback socket, through the resilience handler as registered in the application:
/// transient failures are retried with backoff, lasting ones end in an exception that names the cause.
/// </summary>
public sealed class QdrantFaultTests : IAsyncLifetime
{
    private const string ExistsPath = "/collections/faults/exists";

    private QdrantStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await QdrantStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task ServerError_ThenRecovery_IsRetriedAndSucceeds()
    {
        _standIn.Intercept = (context, number) => number <= 2 ? Reply(context, 500, "application/json", """{"status":{"error":"Service internal error: boom"},"time":0.0}""") : NotHandled();
        using var host = Host();

        Assert.False(await host.Collection.CollectionExistsAsync());

        Assert.Equal(3, CallsTo(ExistsPath));
    }

    [Fact]
    public async Task ServerError_Lasting_FailsAfterRetriesWithServerError()
    {
        _standIn.Intercept = (context, _) => Reply(context, 500, "application/json", """{"status":{"error":"Service internal error: boom"},"time":0.0}""");
        using var host = Host();

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.ServerError, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, CallsTo(ExistsPath)); // one attempt and MaxRetries = 2
    }

    [Fact]
    public async Task RateLimited_WithRetryAfter_WaitsAndSucceeds()
    {
        _standIn.Intercept = async (context, number) =>
        {
            if (number > 1)
            {
                return false;
            }
            context.Response.Headers.RetryAfter = "1";
            return await Reply(context, 429, "application/json", """{"status":{"error":"Too many requests"},"time":0.0}""");
        };
        using var host = Host();
        var clock = Stopwatch.StartNew();

        Assert.False(await host.Collection.CollectionExistsAsync());

        Assert.Equal(2, CallsTo(ExistsPath));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"Retry-After was not honoured ({clock.Elapsed})");
    }

    [Fact]
    public async Task RateLimited_Lasting_FailsWithRateLimited()
    {
        _standIn.Intercept = (context, _) => Reply(context, 429, "application/json", """{"status":{"error":"Too many requests"},"time":0.0}""");
        using var host = Host();

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.RateLimited, error.Kind);
    }

    [Fact]
    public async Task SlowServer_TimesOutPerAttemptAndFailsWithTimeout()
    {
        var arrivals = System.Threading.Channels.Channel.CreateUnbounded<int>();
        _standIn.Intercept = async (context, number) =>
        {
            await arrivals.Writer.WriteAsync(number);
            // Never answers: only the client's attempt timeout ends the request.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return true;
        };
        var clock = new FakeTimeProvider();
        var attemptTimeout = TimeSpan.FromSeconds(10);
        using var host = new QdrantTestHost(_standIn.Endpoint, "faults", new Dictionary<string, string?>
        {
            ["VectorStore:Qdrant:Timeout"] = "00:00:10",
            ["VectorStore:Qdrant:MaxRetries"] = "1",
            ["VectorStore:Qdrant:RetryDelay"] = "00:00:00.010",
        }, timeProvider: clock);

        var call = host.Collection.CollectionExistsAsync();
        Assert.Equal(1, await arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        clock.Advance(attemptTimeout);
        // The retry waits a jittered backoff on the same clock; move it in small steps until the second attempt arrives.
        var second = arrivals.Reader.ReadAsync().AsTask();
        for (var steps = 0; !second.IsCompleted; steps++)
        {
            Assert.True(steps < 2000, "the timed-out attempt was not retried");
            clock.Advance(TimeSpan.FromMilliseconds(5));
            await Task.WhenAny(second, Task.Delay(10));
        }
        Assert.Equal(2, await second);
        clock.Advance(attemptTimeout);

        var error = await Assert.ThrowsAsync<QdrantException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(QdrantErrorKind.Timeout, error.Kind);
        Assert.Equal(2, CallsTo(ExistsPath));
    }

    [Fact]
    public async Task ConnectionRefused_FailsWithUnreachableAndHealthIsFalse()
    {
        using var host = new QdrantTestHost(new Uri($"http://127.0.0.1:{FreePort()}"), "faults");

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.Unreachable, error.Kind);
        Assert.Contains("unreachable", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(await host.Health.IsReachableAsync());
    }

    [Fact]
    public async Task MalformedBody_FailsWithMalformedResponseWithoutRetrying()
    {
        _standIn.Intercept = (context, _) => Reply(context, 200, "application/json", """{"result": {"exists": tru""");
        using var host = Host();

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.MalformedResponse, error.Kind);
        Assert.Equal(1, CallsTo(ExistsPath));
    }

    [Fact]
    public async Task BadRequest_IsNotRetried()
    {
        _standIn.Intercept = (context, _) => Reply(context, 400, "application/json", """{"status":{"error":"Wrong input: no"},"time":0.0}""");
        using var host = Host();

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.BadRequest, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(1, CallsTo(ExistsPath));
    }

    [Fact]
    public async Task Health_FollowsServerReadinessAndRecovers()
    {
        using var host = Host();
        Assert.True(await host.Health.IsReachableAsync());

        _standIn.Intercept = (context, _) => context.Request.Path == "/readyz" ? Reply(context, 503, "text/plain", "some shards are not ready") : NotHandled();
        Assert.False(await host.Health.IsReachableAsync());

        _standIn.Intercept = null;
        Assert.True(await host.Health.IsReachableAsync());
    }

    [Fact]
    public async Task WrongApiKey_FailsWithUnauthorizedAndNeverLogsTheKey()
    {
        await using var secured = await QdrantStandIn.StartAsync(apiKey: "right-key");
        var logs = new ListLoggerProvider();
        using var host = new QdrantTestHost(secured.Endpoint, "faults", new Dictionary<string, string?> { ["VectorStore:Qdrant:ApiKey"] = "wrong-key-123" }, logging: logs);

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.EnsureCollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.Unauthorized, error.Kind);
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-123", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("wrong-key-123", StringComparison.Ordinal));
    }

    private QdrantTestHost Host(Dictionary<string, string?>? overrides = null) => new(_standIn.Endpoint, "faults", overrides);

    private int CallsTo(string path) => _standIn.Requests.Count(r => r.PathAndQuery == path);

    private static async Task<bool> Reply(HttpContext context, int status, string contentType, string body)
    {
        await QdrantStandIn.WriteAsync(context, new StandInResponse(status, contentType, body));
        return true;
    }

    private static Task<bool> NotHandled() => Task.FromResult(false);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
