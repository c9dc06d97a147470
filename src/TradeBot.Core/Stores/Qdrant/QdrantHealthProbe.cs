using Grpc.Core;
using Microsoft.Extensions.Logging;
using Qdrant.Client;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// Readiness of Qdrant for <c>/readyz</c>: the client's health check, without retries and within at most five seconds
/// (or the attempt timeout, when shorter), so a down server is reported quickly. Recovers by itself: every call
/// checks again.
/// </summary>
internal sealed class QdrantHealthProbe : IPassageStoreHealth
{
    private readonly QdrantClient _client;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public QdrantHealthProbe(QdrantClient client, QdrantOptions options, TimeProvider timeProvider, ILogger<QdrantHealthProbe> logger)
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

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _client.HealthAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            QdrantLog.NotReachable(_logger, ex);
            return false;
        }
    }
}
