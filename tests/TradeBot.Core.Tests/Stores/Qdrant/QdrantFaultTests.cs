using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.Stores.Qdrant.Support;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// Failure behaviour over a real loopback gRPC connection, through the client and the resilience pipeline as
/// registered in the application: transient statuses are retried with backoff, lasting ones end in an exception
/// that names the cause. Timing tests run on a watched fake clock.
/// </summary>
public sealed class QdrantFaultTests : IAsyncLifetime
{
    private const string Exists = "qdrant.Collections/CollectionExists";

    private QdrantStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await QdrantStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task Unavailable_ThenRecovery_IsRetriedAndSucceeds()
    {
        _standIn.Intercept = call => call.Number <= 2 ? Fail(StatusCode.Unavailable, "Service unavailable") : NotHandled();
        using var host = Host();

        Assert.False(await host.Collection.CollectionExistsAsync());

        Assert.Equal(3, _standIn.CallsTo(Exists));
    }

    [Fact]
    public async Task Unavailable_Lasting_FailsAfterRetriesWithUnreachable()
    {
        _standIn.Intercept = _ => Fail(StatusCode.Unavailable, "Service unavailable: boom");
        using var host = Host();

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.Unreachable, error.Kind);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _standIn.CallsTo(Exists)); // one attempt and MaxRetries = 2
    }

    [Theory]
    [InlineData(StatusCode.Internal, QdrantErrorKind.ServerError)]
    [InlineData(StatusCode.ResourceExhausted, QdrantErrorKind.RateLimited)]
    [InlineData(StatusCode.DeadlineExceeded, QdrantErrorKind.Timeout)]
    [InlineData(StatusCode.Aborted, QdrantErrorKind.ServerError)]
    public async Task TransientStatus_Lasting_FailsAfterRetriesNamingTheCause(StatusCode status, QdrantErrorKind kind)
    {
        _standIn.Intercept = _ => Fail(status, "it went wrong");
        using var host = Host();

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(kind, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains("it went wrong", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _standIn.CallsTo(Exists));
    }

    [Fact]
    public async Task ResourceExhausted_WithRetryAfter_WaitsThatLongOnTheClockAndSucceeds()
    {
        _standIn.Intercept = call => call.Number == 1
            ? Fail(StatusCode.ResourceExhausted, "Rate limiting exceeded: Write rate limit exceeded", ("retry-after", "3"))
            : NotHandled();
        var clock = new WatchedClock();
        using var host = Host(clock: clock);

        var call = host.Collection.CollectionExistsAsync();
        await clock.NextTimerAsync(due => due == TimeSpan.FromSeconds(3));
        Assert.Equal(1, _standIn.CallsTo(Exists)); // the retry waits for the clock
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.False(await call);
        Assert.Equal(2, _standIn.CallsTo(Exists));
    }

    [Fact]
    public async Task SlowServer_TimesOutPerAttemptOnTheClockAndFailsWithTimeout()
    {
        var arrivals = System.Threading.Channels.Channel.CreateUnbounded<int>();
        _standIn.Intercept = async call =>
        {
            await arrivals.Writer.WriteAsync(call.Number);
            // Never answers: only the client's attempt timeout ends the call (and resets the stream).
            await Task.Delay(Timeout.Infinite, call.Context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            throw new RpcException(new Status(StatusCode.Cancelled, "cancelled by the client"));
        };
        var clock = new WatchedClock();
        var attempt = TimeSpan.FromSeconds(10);
        // No backoff: a jittered delay may round to under a millisecond, which Task.Delay completes without a
        // timer, so whether there is a backoff timer to advance would be up to chance.
        using var host = Host(new() { ["VectorStore:Qdrant:Timeout"] = "00:00:10", ["VectorStore:Qdrant:MaxRetries"] = "1", ["VectorStore:Qdrant:RetryDelay"] = "00:00:00" }, clock);

        var call = host.Collection.CollectionExistsAsync();
        Assert.Equal(1, await arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        await clock.NextTimerAsync(due => due == attempt);
        clock.Advance(attempt);
        Assert.Equal(2, await arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        await clock.NextTimerAsync(due => due == attempt);
        clock.Advance(attempt);

        var error = await Assert.ThrowsAsync<QdrantException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(QdrantErrorKind.Timeout, error.Kind);
        Assert.Contains("VectorStore:Qdrant:Timeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _standIn.CallsTo(Exists));
    }

    [Fact]
    public async Task ConnectionRefused_FailsWithUnreachableAndHealthIsFalse()
    {
        using var host = new QdrantTestHost(new Uri($"http://127.0.0.1:{FreePort()}"), "faults");

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.Unreachable, error.Kind);
        Assert.Contains("unreachable", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("VectorStore:Qdrant:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.False(await host.IsHealthyAsync());
    }

    [Fact]
    public async Task MalformedMessage_FailsWithMalformedResponseWithoutRetrying()
    {
        _standIn.Intercept = _ => Task.FromResult<IMessage?>(QdrantStandIn.Malformed);
        using var host = Host();

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.MalformedResponse, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(1, _standIn.CallsTo(Exists));
    }

    [Fact]
    public async Task InvalidArgument_IsNotRetried()
    {
        _standIn.Intercept = _ => Fail(StatusCode.InvalidArgument, "Wrong input: no");
        using var host = Host();

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.CollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.BadRequest, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(1, _standIn.CallsTo(Exists));
    }

    [Fact]
    public async Task Health_FollowsTheServersHealthCheckAndRecovers()
    {
        using var host = Host();
        Assert.True(await host.IsHealthyAsync());

        _standIn.Intercept = call => call.Method == QdrantStandIn.HealthCheck ? Fail(StatusCode.Unavailable, "shutting down") : NotHandled();
        Assert.False(await host.IsHealthyAsync());

        _standIn.Intercept = null;
        Assert.True(await host.IsHealthyAsync());
        Assert.Equal(3, _standIn.CallsTo(QdrantStandIn.HealthCheck)); // no retries
    }

    [Fact]
    public async Task WrongApiKey_FailsWithUnauthorizedAndNeverLogsTheKey()
    {
        await using var secured = await QdrantStandIn.StartAsync(apiKey: "right-key");
        var logs = new ListLoggerProvider();
        using var host = new QdrantTestHost(secured.Endpoint, "faults", new Dictionary<string, string?> { ["VectorStore:Qdrant:ApiKey"] = "wrong-key-123" }, logging: logs);

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.EnsureCollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.Unauthorized, error.Kind);
        Assert.Equal("wrong-key-123", secured.Calls.First().ApiKey); // it was sent, in the api-key metadata
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-123", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("wrong-key-123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RightApiKey_IsAccepted()
    {
        await using var secured = await QdrantStandIn.StartAsync(apiKey: "right-key");
        using var host = new QdrantTestHost(secured.Endpoint, "faults", new Dictionary<string, string?> { ["VectorStore:Qdrant:ApiKey"] = "right-key" });

        await host.Collection.EnsureCollectionExistsAsync();

        Assert.True(await host.Collection.CollectionExistsAsync());
        Assert.Empty(secured.Violations);
    }

    private QdrantTestHost Host(Dictionary<string, string?>? overrides = null, TimeProvider? clock = null) =>
        new(_standIn.Endpoint, "faults", overrides, timeProvider: clock);

    private static Task<IMessage?> Fail(StatusCode status, string detail, params (string Key, string Value)[] trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in trailers)
        {
            metadata.Add(key, value);
        }
        throw new RpcException(new Status(status, detail), metadata);
    }

    private static Task<IMessage?> NotHandled() => Task.FromResult<IMessage?>(null);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
