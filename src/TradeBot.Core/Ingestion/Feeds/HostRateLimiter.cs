namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>Spaces requests to one host at least <see cref="FetchOptions.HostInterval"/> apart, on the injected clock.</summary>
internal sealed class HostRateLimiter(FetchOptions options, TimeProvider timeProvider)
{
    private readonly Dictionary<string, DateTimeOffset> _next = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public async Task WaitAsync(string host, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var slot = _next.TryGetValue(host, out var next) && next > now ? next : now;
            _next[host] = slot + options.HostInterval;
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
