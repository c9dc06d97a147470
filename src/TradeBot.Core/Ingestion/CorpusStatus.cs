using System.Globalization;

namespace TradeBot.Core.Ingestion;

/// <summary>What the store holds and how fresh it is: what <c>/readyz</c> and the <c>status</c> verb report.</summary>
/// <param name="Feeds">Each subscribed feed (and each feed polled from the command line), with its last poll.</param>
public sealed record CorpusStatus(
    int Articles,
    int FromFeeds,
    long Passages,
    DateTimeOffset? Earliest,
    DateTimeOffset? Latest,
    string CorpusPath,
    FolderSync? FolderSync,
    IReadOnlyList<FeedState> Feeds)
{
    /// <summary>The report as lines of plain text, for people and for <c>grep</c>.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"articles: {Articles:N0} ({Articles - FromFeeds:N0} from files, {FromFeeds:N0} from feeds), {Passages:N0} passages";
        yield return Earliest is { } first && Latest is { } last ? $"published: {Day(first)} to {Day(last)}" : "published: no dated articles";
        yield return FolderSync is { } sync
            ? $"folder {CorpusPath}: last synced {Time(sync.At)}: {sync.Added:N0} added, {sync.Updated:N0} updated, {sync.Removed:N0} removed, {sync.Failed:N0} failed"
            : $"folder {CorpusPath}: not synced yet";
        foreach (var feed in Feeds)
        {
            var line = $"feed {feed.Url}: " + (feed.LastPoll is not { } polled ? "not polled yet"
                : feed.LastError is { } error ? $"last poll {Time(polled)} failed ({feed.Failures} in a row): {error}"
                : $"last poll {Time(polled)}: {feed.Added:N0} added" + (feed.ItemFailures.Count > 0 ? $", {feed.ItemFailures.Count} items failed" : string.Empty));
            yield return feed.NextPoll is { } next ? $"{line}; next poll {Time(next)}" : line;
            foreach (var item in feed.ItemFailures)
            {
                yield return $"  failed: {item}";
            }
        }
    }

    private static string Day(DateTimeOffset date) => date.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
