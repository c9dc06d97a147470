namespace TradeBot.Core.Ingestion;

/// <summary>What is remembered of one feed between polls (and between runs): its validators, its last poll and its failures.</summary>
/// <param name="Failures">Polls in a row that failed; 0 after a good one.</param>
/// <param name="Added">Articles the last poll added.</param>
/// <param name="ItemFailures">Items the last poll could not ingest, each with its reason (they are tried again at the next poll).</param>
public sealed record FeedState(
    string Url,
    string? ETag,
    DateTimeOffset? LastModified,
    DateTimeOffset? LastPoll,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? NextPoll,
    int Failures,
    string? LastError,
    int Added,
    IReadOnlyList<string> ItemFailures)
{
    public static FeedState New(string url) => new(url, null, null, null, null, null, 0, null, 0, []);
}

/// <summary>The last sync of the corpus folder: when, and what it did.</summary>
public sealed record FolderSync(DateTimeOffset At, int Added, int Updated, int Removed, int Failed);
