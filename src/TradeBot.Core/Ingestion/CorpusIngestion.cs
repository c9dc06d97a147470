using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Keeps the store in step with the configured corpus folder or file (a JSON Lines file of articles is a corpus of its
/// own); remembers whether that has happened in this process.
/// </summary>
public sealed class CorpusIngestion(CorpusSynchronizer synchronizer, IOptions<CorpusOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _synced;

    /// <summary>True once the corpus has been brought up to date at least once in this process.</summary>
    public bool IsSynced => _synced;

    public string CorpusPath => options.Value.Path;

    /// <summary>Why the last sync could not run (a broken or unreachable store), in one line; null when it ran.</summary>
    public string? Problem { get; private set; }

    /// <summary>The store's passage count against the catalog's after the last sync.</summary>
    public StoreConsistency? Consistency { get; private set; }

    public async Task<IngestReport> SyncCorpusAsync(IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A missing folder is created (an empty corpus); a file is synced as it is.
            if (!File.Exists(CorpusPath))
            {
                Directory.CreateDirectory(CorpusPath);
            }
            var report = await synchronizer.SyncAsync([CorpusPath], progress, cancellationToken).ConfigureAwait(false);
            (Problem, Consistency) = (null, report.Consistency);
            _synced = true;
            return report;
        }
        catch (Exception ex) when (ex is StoreFailureException or VectorStoreException or IOException or UnauthorizedAccessException)
        {
            Problem = ex.Message;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
