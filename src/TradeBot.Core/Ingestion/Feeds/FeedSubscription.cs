namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>One RSS or Atom feed to poll: an entry of the <c>Feeds</c> setting.</summary>
public sealed class FeedSubscription
{
    /// <summary>The feed's http(s) address.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>How long after a poll the feed is polled again (after a failure, longer: see <see cref="FetchOptions.MaxBackoff"/>).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);
}
