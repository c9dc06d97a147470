using Microsoft.Extensions.Options;

namespace TradeBot.Core.Ingestion;

/// <summary>Keeps the store in step with the configured corpus folder; remembers whether that has happened in this process.</summary>
public sealed class CorpusIngestion(CorpusSynchronizer synchronizer, IOptions<CorpusOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _synced;

    /// <summary>True once the corpus folder has been brought up to date at least once in this process.</summary>
    public bool IsSynced => _synced;

    public string CorpusPath => options.Value.Path;

    public async Task<IngestReport> SyncCorpusAsync(IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(CorpusPath);
            var report = await synchronizer.SyncAsync([CorpusPath], progress, cancellationToken).ConfigureAwait(false);
            _synced = true;
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
