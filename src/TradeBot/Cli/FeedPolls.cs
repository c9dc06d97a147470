using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TradeBot.Core.Ingestion.Feeds;
using TradeBot.Core.Text;

namespace TradeBot.Cli;

/// <summary>`ingest https://…/feed.xml`: one poll of a feed, as the server would poll it, and what it did.</summary>
internal static class FeedPolls
{
    /// <summary>Whether a command-line target is an address (a feed to poll) rather than a path.</summary>
    public static bool IsAddress(string target) => target.Contains("://", StringComparison.Ordinal);

    /// <summary>Polls the feed once; false when the feed or any of its items failed (each is printed with its reason).</summary>
    public static async Task<bool> PollOnceAsync(IServiceProvider services, IAnsiConsole console, string url, CancellationToken cancellationToken)
    {
        var poller = services.GetRequiredService<FeedPoller>();
        if (poller.RefusalOf(url) is { } refusal)
        {
            console.MarkupLineInterpolated($"[red]failed:[/] {PrintableText.Escape(refusal)}");
            return false;
        }
        var subscription = services.GetRequiredService<FeedScheduler>().Feeds.FirstOrDefault(f => f.Url == url) ?? new FeedSubscription { Url = url };
        var result = await poller.PollAsync(subscription, cancellationToken);
        var shown = PrintableText.Escape(url);
        switch (result.Outcome)
        {
            case FeedPollOutcome.Failed:
                console.MarkupLineInterpolated($"[red]failed:[/] feed {shown}: {PrintableText.Escape(result.Error ?? "failed")}");
                return false;
            case FeedPollOutcome.NotModified:
                console.MarkupLineInterpolated($"feed {shown}: not modified since the last poll; nothing fetched");
                return true;
            default:
                console.MarkupLineInterpolated($"feed {shown}: {result.Added:N0} added, {result.Known:N0} already known, {result.Failures.Count:N0} failed");
                foreach (var failure in result.Failures)
                {
                    console.MarkupLineInterpolated($"[red]failed:[/] {PrintableText.Escape(failure.Item)}: {PrintableText.Escape(failure.Reason)}");
                }
                return result.Failures.Count == 0;
        }
    }
}
