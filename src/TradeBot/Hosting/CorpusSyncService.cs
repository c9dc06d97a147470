using TradeBot.Core.Ingestion;
using TradeBot.Core.Text;

namespace TradeBot.Hosting;

/// <summary>Brings the corpus folder up to date when the server starts, in the background, so that liveness is not delayed.</summary>
internal sealed partial class CorpusSyncService(CorpusIngestion ingestion, ILogger<CorpusSyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var report = await ingestion.SyncCorpusAsync(cancellationToken: stoppingToken);
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

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Ingesting the corpus {Path} failed; it is retried at the next start or ingest")]
    private static partial void SyncFailed(ILogger logger, string path, Exception exception);
}
