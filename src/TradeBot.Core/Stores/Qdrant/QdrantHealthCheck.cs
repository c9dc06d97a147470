using Grpc.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Qdrant.Client;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// Readiness of Qdrant for <c>/readyz</c>: the client's health check, without retries and within at most five seconds
/// (or the attempt timeout, when shorter), so a down server is reported quickly. Recovers by itself: every call
/// checks again.
/// </summary>
internal sealed class QdrantHealthCheck : IHealthCheck
{
    public const string Name = "vector-store";

    private readonly QdrantClient _client;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public QdrantHealthCheck(QdrantClient client, QdrantOptions options, TimeProvider timeProvider, ILogger<QdrantHealthCheck> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _timeout = options.Timeout < TimeSpan.FromSeconds(5) ? options.Timeout : TimeSpan.FromSeconds(5);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _client.HealthAsync(linked.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy("Qdrant answers.");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            QdrantLog.NotReachable(_logger, ex);
            return HealthCheckResult.Unhealthy("The vector store is not reachable.");
        }
    }
}
