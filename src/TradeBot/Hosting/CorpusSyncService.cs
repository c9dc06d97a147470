using Microsoft.Extensions.Options;
using TradeBot.Core;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Text;

namespace TradeBot.Hosting;

/// <summary>
/// Brings the corpus folder up to date when the server starts, in the background, so that liveness is not delayed;
/// then keeps it up to date while the server runs (<see cref="CorpusWatcher"/>: notifications with a debounce, and a
/// periodic rescan), checking every <see cref="Tick"/> on the injected clock. After the first sync that succeeds it
/// loads the search indexes (<see cref="SearchIndexWarmUp"/>), which readiness waits for.
/// </summary>
internal sealed partial class CorpusSyncService(
    CorpusIngestion ingestion,
    CorpusWatcher watcher,
    SearchIndexWarmUp warmUp,
    IOptions<CorpusOptions> options,
    TimeProvider timeProvider,
    ILogger<CorpusSyncService> logger) : BackgroundService
{
    /// <summary>How often the watcher is asked whether a sync is due.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Watching starts first, so that a file added during the first sync is not missed.
            watcher.Start();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            WatchFailed(logger, ingestion.CorpusPath, options.Value.RescanInterval, ex);
        }
        await SyncAsync(async () => await ingestion.SyncCorpusAsync(cancellationToken: stoppingToken), stoppingToken);
        using var timer = new PeriodicTimer(Tick, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SyncAsync(() => watcher.SyncIfDueAsync(stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SyncAsync(Func<Task<IngestReport?>> sync, CancellationToken stoppingToken)
    {
        try
        {
            if (await sync() is not { } report)
            {
                return;
            }
            Synced(logger, ingestion.CorpusPath, report.Added, report.Updated, report.Unchanged, report.Removed, report.Failed);
            foreach (var failure in report.Failures)
            {
                // File names and reasons may hold control characters: never let them reach a terminal or log raw.
                ItemFailed(logger, PrintableText.Escape(failure.Item), PrintableText.Escape(failure.Reason));
            }
            foreach (var warning in report.Warnings)
            {
                StoreWarning(logger, warning);
            }
            if (ingestion.IsSynced)
            {
                await warmUp.RunAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (TradeBot.Core.Stores.StoreFailureException ex)
        {
            // The message names the file and what to do; /readyz reports it too. No stack trace: nothing to debug.
            StoreBroken(logger, ex.Message);
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.VectorData.VectorStoreException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            SyncFailed(logger, ingestion.CorpusPath, ex);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Corpus {Path} in sync: {Added} added, {Updated} updated, {Unchanged} unchanged, {Removed} removed, {Failed} failed")]
    private static partial void Synced(ILogger logger, string path, int added, int updated, int unchanged, int removed, int failed);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Not ingested: {Item}: {Reason}")]
    private static partial void ItemFailed(ILogger logger, string item, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void StoreWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "The store cannot be used, so the server is not ready: {Reason}")]
    private static partial void StoreBroken(ILogger logger, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Ingesting the corpus {Path} failed; it is retried at the next change or rescan")]
    private static partial void SyncFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The corpus folder {Path} cannot be watched; it is rescanned every {Interval} instead")]
    private static partial void WatchFailed(ILogger logger, string path, TimeSpan interval, Exception exception);
}
