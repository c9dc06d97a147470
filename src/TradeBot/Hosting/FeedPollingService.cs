using TradeBot.Core.Ingestion.Feeds;
using TradeBot.Core.Text;

namespace TradeBot.Hosting;

/// <summary>Polls the subscribed feeds (<c>Feeds</c>) while the server runs, each when it is due on the injected clock; a feed's failure never stops the others.</summary>
internal sealed partial class FeedPollingService(FeedScheduler scheduler, TimeProvider timeProvider, ILogger<FeedPollingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (scheduler.Feeds.Count == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(CorpusSyncService.Tick, timeProvider);
        try
        {
            do
            {
                await PollAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var result in await scheduler.PollDueAsync(stoppingToken))
            {
                Log(result);
            }
        }
        catch (Exception ex) when (ex is TradeBot.Core.Stores.StoreFailureException or Microsoft.Extensions.VectorData.VectorStoreException
            or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            PollFailed(logger, ex);
        }
    }

    private void Log(FeedPollResult result)
    {
        var url = PrintableText.Escape(result.Url);
        switch (result.Outcome)
        {
            case FeedPollOutcome.Failed:
                FeedFailed(logger, url, PrintableText.Escape(result.Error ?? "failed"), result.NextPoll);
                break;
            case FeedPollOutcome.Read:
                FeedRead(logger, url, result.Added, result.Known, result.Failures.Count);
                foreach (var failure in result.Failures)
                {
                    ItemFailed(logger, url, PrintableText.Escape(failure.Item), PrintableText.Escape(failure.Reason));
                }
                break;
            default:
                FeedUnchanged(logger, url);
                break;
        }
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Feed {Url}: {Added} added, {Known} already known, {Failed} failed")]
    private static partial void FeedRead(ILogger logger, string url, int added, int known, int failed);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Feed {Url}: not modified")]
    private static partial void FeedUnchanged(ILogger logger, string url);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Feed {Url} failed: {Reason}; polled again at {NextPoll:u}")]
    private static partial void FeedFailed(ILogger logger, string url, string reason, DateTimeOffset nextPoll);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Feed {Url}: not ingested: {Item}: {Reason}; tried again at the next poll")]
    private static partial void ItemFailed(ILogger logger, string url, string item, string reason);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Error, Message = "Polling feeds failed; they are polled again at the next tick")]
    private static partial void PollFailed(ILogger logger, Exception exception);
}
