using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Articles;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Keeps the store in step with the configured corpus folder or file (a JSON Lines file of articles is a corpus of its
/// own), and writes feed items, one run at a time; remembers whether the folder has been synced in this process, and
/// records each folder sync for the status report. With <see cref="CorpusOptions.RetentionDays"/>, every run ends by
/// removing the articles that are too old.
/// </summary>
public sealed class CorpusIngestion(
    CorpusSynchronizer synchronizer,
    ArticleCatalog catalog,
    IngestionStatusStore status,
    TimeProvider timeProvider,
    IOptions<CorpusOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _synced;
    private int _syncCount;
    private long? _consistencyGeneration;

    /// <summary>True once the corpus has been brought up to date at least once in this process.</summary>
    public bool IsSynced => _synced;

    public string CorpusPath => options.Value.Path;

    /// <summary>How many folder syncs have completed in this process.</summary>
    public int SyncCount => Volatile.Read(ref _syncCount);

    /// <summary>Why the last sync could not run (a broken or unreachable store), in one line; null when it ran.</summary>
    public string? Problem { get; private set; }

    /// <summary>The store's passage count against the catalog's after the last sync.</summary>
    public StoreConsistency? Consistency { get; private set; }

    /// <summary>
    /// <see cref="Consistency"/>, checked again when any process (a CLI ingest, another server) has changed the store
    /// since: what the last sync here saw may no longer be so.
    /// </summary>
    public async Task<StoreConsistency?> CurrentConsistencyAsync(CancellationToken cancellationToken = default)
    {
        if (!_synced)
        {
            return Consistency;
        }
        var generation = await catalog.ReadGenerationAsync(cancellationToken).ConfigureAwait(false);
        if (generation != _consistencyGeneration)
        {
            Consistency = await synchronizer.CheckConsistencyAsync(cancellationToken).ConfigureAwait(false);
            _consistencyGeneration = generation;
        }
        return Consistency;
    }

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
            report.Removed += await ApplyRetentionAsync(cancellationToken).ConfigureAwait(false);
            (Problem, Consistency) = (null, report.Consistency);
            _consistencyGeneration = await catalog.ReadGenerationAsync(cancellationToken).ConfigureAwait(false);
            _synced = true;
            await status.SetFolderSyncAsync(new FolderSync(timeProvider.GetUtcNow(), report.Added, report.Updated, report.Removed, report.Failed), cancellationToken)
                .ConfigureAwait(false);
            Interlocked.Increment(ref _syncCount);
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

    /// <summary>Writes articles that come from no file (feed items), between folder syncs; see <see cref="CorpusSynchronizer.IngestArticlesAsync"/>.</summary>
    public async Task<IngestReport> IngestArticlesAsync(IReadOnlyList<RawArticle> articles, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var report = await synchronizer.IngestArticlesAsync(articles, cancellationToken).ConfigureAwait(false);
            report.Removed += await ApplyRetentionAsync(cancellationToken).ConfigureAwait(false);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The oldest publication date kept, when a retention is set.</summary>
    public DateTimeOffset? RetentionCutoff => options.Value.RetentionDays is { } days ? timeProvider.GetUtcNow().AddDays(-days) : null;

    private async Task<int> ApplyRetentionAsync(CancellationToken cancellationToken) =>
        RetentionCutoff is { } cutoff ? await synchronizer.RemovePublishedBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false) : 0;

    public void Dispose() => _gate.Dispose();
}
