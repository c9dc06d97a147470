namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>
/// Whether an article page may be fetched, by its site's robots.txt, fetched once a day per site. A missing robots.txt
/// (4xx) allows everything; one that cannot be fetched (5xx, timeout) allows nothing until it is fetched again.
/// </summary>
internal sealed class RobotsPolicy(WebFetcher fetcher, FetchOptions options, TimeProvider timeProvider)
{
    private static readonly TimeSpan s_keepFor = TimeSpan.FromHours(24);
    private static readonly TimeSpan s_retryFailedAfter = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, (RobotsRules Rules, DateTimeOffset Until)> _sites = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public async Task<bool> AllowsAsync(Uri page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var site = page.GetLeftPart(UriPartial.Authority);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_sites.TryGetValue(site, out var known) && known.Until > now)
            {
                return known.Rules.Allows(page);
            }
        }
        var result = await fetcher.GetAsync(new Uri(site + "/robots.txt"), options.MaxPageBytes, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (rules, keep) = result switch
        {
            { Status: FetchStatus.Ok } => (RobotsRules.Parse(System.Text.Encoding.UTF8.GetString(result.Body), options.UserAgent), s_keepFor),
            { HttpStatus: >= 400 and < 500 } => (RobotsRules.AllowAll, s_keepFor),
            _ => (RobotsRules.DisallowAll, s_retryFailedAfter),
        };
        lock (_lock)
        {
            _sites[site] = (rules, now + keep);
        }
        return rules.Allows(page);
    }
}
