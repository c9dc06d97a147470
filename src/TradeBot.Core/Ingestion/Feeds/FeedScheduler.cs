using Microsoft.Extensions.Options;

namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>Polls each subscribed feed that is due (never polled, or its next poll time reached on the injected clock), one after another.</summary>
public sealed class FeedScheduler(FeedPoller poller, IngestionStatusStore status, IOptions<FeedSubscriptions> subscriptions, TimeProvider timeProvider)
{
    public IReadOnlyList<FeedSubscription> Feeds => subscriptions.Value.Feeds;

    public async Task<IReadOnlyList<FeedPollResult>> PollDueAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<FeedPollResult>();
        foreach (var feed in Feeds)
        {
            var state = await status.GetFeedAsync(feed.Url, cancellationToken).ConfigureAwait(false);
            if (state?.NextPoll is not { } next || next <= timeProvider.GetUtcNow())
            {
                results.Add(await poller.PollAsync(feed, cancellationToken).ConfigureAwait(false));
            }
        }
        return results;
    }
}
