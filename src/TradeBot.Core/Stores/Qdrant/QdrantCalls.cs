using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// Runs every call of the Qdrant client through one resilience pipeline (a timeout per attempt; retries of
/// transient gRPC failures with exponential backoff and jitter, honouring a <c>retry-after</c> trailer) on the
/// injected clock, and turns every failure into a <see cref="QdrantException"/> that names its cause and the
/// setting to check. gRPC's own retry policy is not used: it cannot follow a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class QdrantCalls
{
    private const int MaxDetailLength = 500;
    private static readonly TimeSpan s_maxRetryAfter = TimeSpan.FromMinutes(1);

    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly string _endpoint;
    private readonly string _collection;
    private readonly ILogger _logger;

    public QdrantCalls(QdrantOptions options, TimeProvider timeProvider, ILogger<QdrantCalls> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _timeProvider = timeProvider;
        _logger = logger;
        _endpoint = options.Endpoint?.GetLeftPart(UriPartial.Authority) ?? "(no endpoint)";
        _collection = options.CollectionName;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsRetryable).Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    QdrantLog.Retrying(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return default;
                },
            });
        }
        _pipeline = builder.AddTimeout(options.Timeout).Build();
    }

    public async Task RunAsync(string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await RunAsync(operation, async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var started = _timeProvider.GetTimestamp();
        try
        {
            var result = await _pipeline.ExecuteAsync(async token =>
            {
                try
                {
                    return await call(token).ConfigureAwait(false);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && token.IsCancellationRequested)
                {
                    // The attempt's timeout cancelled the call: say so in the form the timeout strategy recognises.
                    throw new OperationCanceledException(ex.Message, ex, token);
                }
            }, cancellationToken).ConfigureAwait(false);
            var elapsedMs = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            QdrantLog.CallCompleted(_logger, operation, elapsedMs);
            return result;
        }
        catch (RpcException ex)
        {
            throw Fail(operation, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Fail(operation, QdrantErrorKind.Timeout, null, $"Qdrant did not answer {operation} in time (VectorStore:Qdrant:Timeout).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(operation, QdrantErrorKind.Timeout, null, $"Qdrant did not answer {operation} in time (VectorStore:Qdrant:Timeout).", ex);
        }
        catch (global::Qdrant.Client.QdrantException ex)
        {
            // The client's own check of an answer (e.g. an operation the server reported as not done).
            throw Fail(operation, QdrantErrorKind.ServerError, null, $"Qdrant did not complete {operation}: {ex.Message}", ex);
        }
    }

    /// <summary>The error for an answer the caller checks itself (the server said no without failing the call).</summary>
    public QdrantException Refused(string operation, QdrantErrorKind kind, string message) => Fail(operation, kind, null, message, null);

    private static bool IsRetryable(RpcException ex) => !IsMalformed(ex) && ex.StatusCode is StatusCode.Unavailable
        or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Internal;

    /// <summary>
    /// The client could not parse the answer: the server is not Qdrant's gRPC API, or sent garbage. Grpc.Net.Client
    /// reports this as Unavailable or Internal, with the parser's exception as the debug exception.
    /// </summary>
    private static bool IsMalformed(RpcException ex) => ex.Status.DebugException is InvalidProtocolBufferException;

    /// <summary>Qdrant's rate limiter sends the wait in seconds in a <c>retry-after</c> trailer.</summary>
    internal static TimeSpan? RetryAfter(Exception? exception)
    {
        if (exception is RpcException { StatusCode: StatusCode.ResourceExhausted } ex
            && ex.Trailers.GetValue("retry-after") is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            var delay = TimeSpan.FromSeconds(seconds);
            return delay < s_maxRetryAfter ? delay : s_maxRetryAfter;
        }
        return null;
    }

    private QdrantException Fail(string operation, RpcException ex)
    {
        var status = ex.StatusCode;
        var detail = Excerpt(ex.Status.Detail);
        var (kind, message) = status switch
        {
            _ when IsMalformed(ex) => (QdrantErrorKind.MalformedResponse,
                $"Qdrant answered {operation} with a message the client could not read ({detail}). Check that VectorStore:Qdrant:Endpoint is Qdrant's gRPC port."),
            StatusCode.Unavailable => (QdrantErrorKind.Unreachable,
                $"Qdrant is unreachable at {_endpoint} ({detail}). Check that the server is running and that VectorStore:Qdrant:Endpoint names its gRPC port (6334)."),
            StatusCode.DeadlineExceeded => (QdrantErrorKind.Timeout, $"Qdrant did not answer {operation} in time: {detail} (VectorStore:Qdrant:Timeout)."),
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => (QdrantErrorKind.Unauthorized,
                $"Qdrant refused {operation} ({status}): {detail}. Check VectorStore:Qdrant:ApiKey."),
            StatusCode.NotFound => (QdrantErrorKind.CollectionMissing,
                $"Qdrant collection '{_collection}' does not exist ({detail}). Run ingestion to create it, or check VectorStore:Qdrant:CollectionName."),
            StatusCode.InvalidArgument when detail.Contains("dimension", StringComparison.OrdinalIgnoreCase) => (QdrantErrorKind.VectorSizeMismatch,
                $"Qdrant rejected {operation} because the vector size does not match the collection ({detail}). The collection was built with another embedder; re-index into a fresh collection (delete it or choose another VectorStore:Qdrant:CollectionName) and ingest again."),
            StatusCode.ResourceExhausted => (QdrantErrorKind.RateLimited, $"Qdrant is rate limiting requests ({detail}); {operation} gave up after retries."),
            StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted or StatusCode.DataLoss => (QdrantErrorKind.ServerError,
                $"Qdrant failed on {operation} ({status}) after retries: {detail}."),
            StatusCode.Unimplemented => (QdrantErrorKind.BadRequest, $"Qdrant does not implement {operation} ({detail}); TradeBot needs Qdrant 1.15.4 or newer."),
            _ => (QdrantErrorKind.BadRequest, $"Qdrant rejected {operation} ({status}): {detail}."),
        };
        return Fail(operation, kind, status, message, ex);
    }

    private QdrantException Fail(string operation, QdrantErrorKind kind, StatusCode? status, string message, Exception? inner)
    {
        QdrantLog.CallFailed(_logger, operation, kind, status, message, inner);
        return new QdrantException(kind, operation, message, status, inner);
    }

    private static string Excerpt(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? "no details"
            : trimmed.Length <= MaxDetailLength ? trimmed
            : string.Create(CultureInfo.InvariantCulture, $"{trimmed[..MaxDetailLength]}… ({trimmed.Length} characters)");
    }
}
