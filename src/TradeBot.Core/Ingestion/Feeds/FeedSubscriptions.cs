namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>The <c>Feeds</c> setting: the feeds polled while the server runs (none by default).</summary>
public sealed class FeedSubscriptions
{
    public const string SectionName = "Feeds";

    /// <summary>The shortest poll interval accepted: feeds are someone else's servers.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(10);

    public List<FeedSubscription> Feeds { get; } = [];
}
