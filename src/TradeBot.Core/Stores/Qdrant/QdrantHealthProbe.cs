using Microsoft.Extensions.Logging;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// Readiness of Qdrant for <c>/readyz</c>: Qdrant's own <c>/readyz</c> (no API key needed), through a client without
/// retries so a down server is reported quickly. Recovers by itself: every call checks again.
/// </summary>
internal sealed class QdrantHealthProbe : IPassageStoreHealth
{
    private readonly QdrantRestClient _client;
    private readonly ILogger _logger;

    public QdrantHealthProbe(QdrantRestClient client, ILogger<QdrantHealthProbe> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _client.IsReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            QdrantLog.NotReachable(_logger, ex);
            return false;
        }
    }
}
