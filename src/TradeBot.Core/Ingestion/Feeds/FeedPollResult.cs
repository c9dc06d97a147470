namespace TradeBot.Core.Ingestion.Feeds;

public enum FeedPollOutcome
{
    /// <summary>The feed was read; its new items were ingested (those that could be: see the failures).</summary>
    Read,

    /// <summary>The feed answered 304 Not Modified: nothing was fetched or written.</summary>
    NotModified,

    /// <summary>The feed itself could not be fetched or read; it is polled again after a backoff.</summary>
    Failed,
}

/// <summary>What one poll of one feed did.</summary>
/// <param name="Known">Items already ingested (by this feed or another), not fetched again.</param>
/// <param name="Failures">Items that could not be ingested, with the reason; they are tried again at the next poll.</param>
/// <param name="Error">Why the feed itself failed.</param>
public sealed record FeedPollResult(
    string Url,
    FeedPollOutcome Outcome,
    int Added,
    int Known,
    IReadOnlyList<IngestFailure> Failures,
    string? Error,
    DateTimeOffset NextPoll);
