using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Articles;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Brings the store up to date with files and folders, incrementally and idempotently: read, clean, split, embed,
/// upsert, record. Unchanged files are not read (<see cref="FileChangeDetector"/>); unchanged articles are not
/// written; an article that changed replaces its passages (<see cref="ArticleBatchWriter"/>); an article gone from a
/// synced folder leaves the store.
/// </summary>
public sealed class CorpusSynchronizer
{
    private readonly ArticleCatalog _catalog;
    private readonly CorpusFileReader _reader;
    private readonly VectorStoreCollection<Guid, PassageRecord> _passages;
    private readonly string _embedderName;
    private readonly CatalogGuard _guard;
    private readonly FileChangeDetector _changes;
    private readonly ArticleBatchWriter _writer;

    public CorpusSynchronizer(
        VectorStoreCollection<Guid, PassageRecord> passages,
        ArticleCatalog catalog,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        CorpusFileReader reader)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(reader);
        (_passages, _catalog, _reader) = (passages, catalog, reader);
        _embedderName = EmbedderIdentity.Of(embedder);
        _guard = new CatalogGuard(catalog, passages);
        _changes = new FileChangeDetector(catalog, reader, ContentHash.PipelineOf(_embedderName));
        _writer = new ArticleBatchWriter(passages, catalog, embedder);
    }

    public Task<IngestReport> SyncAsync(IReadOnlyList<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SyncAsync(paths, verify: false, progress, cancellationToken);

    /// <summary>
    /// As <see cref="SyncAsync(IReadOnlyList{string}, IProgress{IngestProgress}?, CancellationToken)"/>; with
    /// <paramref name="verify"/>, every article's passages are checked in the store first, and the articles missing
    /// any are written again (only those: the rest is not embedded again).
    /// </summary>
    public async Task<IngestReport> SyncAsync(IReadOnlyList<string> paths, bool verify, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var run = await BeginAsync(progress, cancellationToken).ConfigureAwait(false);
        var report = run.Report;
        if (verify)
        {
            report.Repaired = await _guard.MarkDamagedAsync(cancellationToken).ConfigureAwait(false);
        }

        var plan = new List<(string File, string FileId)>();
        var syncedFolders = new List<string>();
        foreach (var path in paths.Select(Path.GetFullPath))
        {
            if (Directory.Exists(path))
            {
                syncedFolders.Add(path);
                plan.AddRange(CorpusFolderWalker.FilesIn(path, _reader.Options.FollowLinksOutsideCorpus, report.Failures)
                    .Select(f => (f, Path.GetRelativePath(path, f).Replace('\\', '/'))));
            }
            else if (File.Exists(path))
            {
                plan.Add((path, Path.GetFileName(path)));
            }
            else
            {
                report.Failures.Add(new IngestFailure(path, "no such file or folder"));
            }
        }
        run.BytesTotal = plan.Sum(p => new FileInfo(p.File).Length);

        foreach (var (file, fileId) in plan)
        {
            await SyncFileAsync(file, fileId, run, cancellationToken).ConfigureAwait(false);
        }
        // A file the walk no longer yields is gone: deleted, or reached only through a link that is no longer followed.
        var planned = plan.Select(p => p.File).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in syncedFolders)
        {
            foreach (var gone in (await _catalog.FilesUnderAsync(folder, cancellationToken).ConfigureAwait(false)).Where(f => !planned.Contains(f)))
            {
                await RemoveFileAsync(gone, report, cancellationToken).ConfigureAwait(false);
            }
        }
        report.Consistency = await _guard.CheckAsync(cancellationToken).ConfigureAwait(false);
        if (report.Consistency?.Problem is { } gap)
        {
            report.Warnings.Add(gap);
        }
        return report;
    }

    /// <summary>
    /// Writes articles that come from no file (feed items): each is cleaned, and written unless the catalog holds it
    /// with the same content hash. Nothing is removed: an item that leaves a feed stays an article.
    /// </summary>
    public async Task<IngestReport> IngestArticlesAsync(IReadOnlyList<RawArticle> articles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var run = await BeginAsync(progress: null, cancellationToken).ConfigureAwait(false);
        var pending = new List<(Article Article, string Hash)>();
        foreach (var article in articles.Select(ArticleCleaner.Clean))
        {
            if (article.Body.Length == 0)
            {
                run.Report.Failures.Add(new IngestFailure(article.Id, "empty article: no text after cleaning"));
                continue;
            }
            var hash = ContentHash.Of(article, _embedderName);
            if ((await _catalog.GetAsync(article.Id, cancellationToken).ConfigureAwait(false))?.ContentHash == hash)
            {
                run.Report.Unchanged++;
                continue;
            }
            pending.Add((article, hash));
        }
        foreach (var batch in pending.Chunk(ArticleBatchWriter.BatchSize))
        {
            await _writer.WriteAsync(batch, run, cancellationToken).ConfigureAwait(false);
        }
        return run.Report;
    }

    /// <summary>The store's passage count against the catalog's, now; null when the store cannot tell.</summary>
    public Task<StoreConsistency?> CheckConsistencyAsync(CancellationToken cancellationToken = default) => _guard.CheckAsync(cancellationToken);

    /// <summary>Removes every article published before <paramref name="cutoff"/> (undated articles stay); returns how many.</summary>
    public async Task<int> RemovePublishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        while (await _catalog.PublishedBetweenAsync(DateTimeOffset.MinValue, cutoff.AddTicks(-1), ArticleBatchWriter.BatchSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } old)
        {
            foreach (var entry in old)
            {
                await _writer.RemoveArticleAsync(entry.Id, entry.PassageCount, cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>What every run does first: the collection exists, and the catalog describes this store (else it is reset).</summary>
    private async Task<IngestRun> BeginAsync(IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var run = new IngestRun(new IngestReport(), new StoryLinker(_catalog), progress);
        await _passages.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        if (await _guard.ReconcileAsync(cancellationToken).ConfigureAwait(false) is { } reset)
        {
            run.Report.Warnings.Add(reset);
        }
        return run;
    }

    private async Task SyncFileAsync(string file, string fileId, IngestRun run, CancellationToken cancellationToken)
    {
        var report = run.Report;
        var change = await _changes.DetectAsync(file, cancellationToken).ConfigureAwait(false);
        if (change.Failure is { } failure)
        {
            report.Failures.Add(new IngestFailure(fileId, failure));
            run.FileDone(change.Length, file);
            return;
        }
        if (!change.ContentChanged)
        {
            report.Unchanged += change.UnchangedArticles;
            if (change.State is { } touched)
            {
                await _catalog.SetFileAsync(touched, cancellationToken).ConfigureAwait(false);
            }
            run.FileDone(change.Length, file);
            return;
        }

        // From its first write on, the file's recorded state no longer describes what the store holds: a run stopped
        // midway (with another embedder, say) must leave the file to be read again, not skipped as unchanged.
        await _catalog.RemoveFileAsync(file, cancellationToken).ConfigureAwait(false);
        var failuresBefore = report.Failures.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(Article Article, string Hash)>();
        foreach (var result in _reader.Read(file, fileId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (result.Article is not { } raw)
            {
                report.Failures.Add(new IngestFailure(result.Item, result.Error ?? "unreadable"));
                continue;
            }
            var article = ArticleCleaner.Clean(raw);
            if (article.Body.Length == 0)
            {
                report.Failures.Add(new IngestFailure(result.Item, "empty article: no text after cleaning"));
                continue;
            }
            if (!seen.Add(article.Id))
            {
                report.Failures.Add(new IngestFailure(result.Item, $"duplicate article id '{article.Id}' in the same file"));
                continue;
            }
            run.ArticlesSeen++;
            var hash = ContentHash.Of(article, _embedderName);
            if (change.Known.TryGetValue(article.Id, out var previous) && previous.Hash == hash)
            {
                report.Unchanged++;
                continue;
            }
            pending.Add((article, hash));
            if (pending.Count >= ArticleBatchWriter.BatchSize)
            {
                await _writer.WriteAsync(pending, run, cancellationToken).ConfigureAwait(false);
                pending.Clear();
            }
        }
        await _writer.WriteAsync(pending, run, cancellationToken).ConfigureAwait(false);

        // Only a file read without any failure tells which of its articles are gone; otherwise nothing is removed.
        if (report.Failures.Count == failuresBefore)
        {
            foreach (var (id, (_, count)) in change.Known.Where(e => !seen.Contains(e.Key)))
            {
                await _writer.RemoveArticleAsync(id, count, cancellationToken).ConfigureAwait(false);
                report.Removed++;
            }
            await _catalog.SetFileAsync(change.State!, cancellationToken).ConfigureAwait(false);
        }
        run.FileDone(change.Length, file);
    }

    private async Task RemoveFileAsync(string file, IngestReport report, CancellationToken cancellationToken)
    {
        foreach (var (id, (_, count)) in await _catalog.ArticlesFromAsync(file, cancellationToken).ConfigureAwait(false))
        {
            await _writer.RemoveArticleAsync(id, count, cancellationToken).ConfigureAwait(false);
            report.Removed++;
        }
        await _catalog.RemoveFileAsync(file, cancellationToken).ConfigureAwait(false);
    }
}
