using Microsoft.Extensions.Options;
using TradeBot.Core.Ingestion.Feeds;
using TradeBot.Core.Retrieval;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// "Today" for questions: with feeds subscribed, the clock's date (feeds bring today's news); otherwise the newest
/// article date the catalog holds (a corpus of 1987 articles answers "this week" about its own last week).
/// </summary>
public sealed class RecencyReference(ArticleCatalog catalog, IOptions<FeedSubscriptions> feeds, TimeProvider timeProvider) : IRecencyReference
{
    public async Task<DateTimeOffset?> TodayAsync(CancellationToken cancellationToken = default)
    {
        if (feeds.Value.Feeds.Count > 0)
        {
            return timeProvider.GetUtcNow();
        }
        return await catalog.NewestPublishedAsync(cancellationToken).ConfigureAwait(false);
    }
}
