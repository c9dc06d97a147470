using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Articles;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Brings the store up to date with files and folders, incrementally and idempotently: read, clean, split, embed,
/// upsert, record. Unchanged files are not read; unchanged articles are not written; an article that changed
/// replaces its passages; an article gone from a synced folder leaves the store. Passages are written before the
/// catalog records them, so a run that is killed midway is completed by the next one, with no duplicates (passage
/// ids are deterministic).
/// </summary>
public sealed class CorpusSynchronizer(
    VectorStoreCollection<Guid, PassageRecord> passages,
    ArticleCatalog catalog,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    CorpusFileReader reader)
{
    private const int BatchSize = 256;

    private readonly string _embedderName = EmbedderIdentity.Of(embedder);

    private readonly CatalogGuard _guard = new(catalog, passages);

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
                plan.AddRange(CorpusFolderWalker.FilesIn(path, reader.Options.FollowLinksOutsideCorpus, report.Failures)
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
            foreach (var gone in (await catalog.FilesUnderAsync(folder, cancellationToken).ConfigureAwait(false)).Where(f => !planned.Contains(f)))
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
            if ((await catalog.GetAsync(article.Id, cancellationToken).ConfigureAwait(false))?.ContentHash == hash)
            {
                run.Report.Unchanged++;
                continue;
            }
            pending.Add((article, hash));
        }
        foreach (var batch in pending.Chunk(BatchSize))
        {
            await WriteBatchAsync([.. batch], run, cancellationToken).ConfigureAwait(false);
        }
        return run.Report;
    }

    /// <summary>The store's passage count against the catalog's, now; null when the store cannot tell.</summary>
    public Task<StoreConsistency?> CheckConsistencyAsync(CancellationToken cancellationToken = default) => _guard.CheckAsync(cancellationToken);

    /// <summary>Removes every article published before <paramref name="cutoff"/> (undated articles stay); returns how many.</summary>
    public async Task<int> RemovePublishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        while (await catalog.PublishedBetweenAsync(DateTimeOffset.MinValue, cutoff.AddTicks(-1), BatchSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } old)
        {
            foreach (var entry in old)
            {
                await RemoveArticleAsync(entry.Id, entry.PassageCount, cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>What every run does first: the collection exists, and the catalog describes this store (else it is reset).</summary>
    private async Task<Run> BeginAsync(IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var run = new Run(new IngestReport(), new StoryLinker(catalog), progress);
        await passages.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        if (await _guard.ReconcileAsync(cancellationToken).ConfigureAwait(false) is { } reset)
        {
            run.Report.Warnings.Add(reset);
        }
        return run;
    }

    private async Task SyncFileAsync(string file, string fileId, Run run, CancellationToken cancellationToken)
    {
        var report = run.Report;
        var info = new FileInfo(file);
        if (!CorpusFileReader.IsSupported(file))
        {
            report.Failures.Add(new IngestFailure(fileId, $"unsupported file type '{info.Extension}'"));
            return;
        }
        // Before anything is opened or hashed: a FIFO or device is never opened, an oversized file is refused from its length.
        if (reader.RefusalOf(file) is { } refusal)
        {
            report.Failures.Add(new IngestFailure(fileId, refusal));
            run.FileDone(info.Exists ? info.Length : 0, file);
            return;
        }
        var known = await catalog.GetFileAsync(file, cancellationToken).ConfigureAwait(false);
        var existing = await catalog.ArticlesFromAsync(file, cancellationToken).ConfigureAwait(false);
        var pipeline = ContentHash.PipelineOf(_embedderName);
        if (known is not null && known.Size == info.Length && known.Modified == info.LastWriteTimeUtc.Ticks && known.Hash.EndsWith(pipeline, StringComparison.Ordinal))
        {
            report.Unchanged += existing.Count;
            run.FileDone(info.Length, file);
            return;
        }
        var fileHash = await HashFileAsync(file, cancellationToken).ConfigureAwait(false) is { } contentHash ? $"{contentHash}/{pipeline}" : null;
        if (fileHash is null)
        {
            report.Failures.Add(new IngestFailure(fileId, "unreadable file"));
            run.FileDone(info.Length, file);
            return;
        }
        var state = new FileState(file, info.Length, info.LastWriteTimeUtc.Ticks, fileHash);
        if (known is not null && known.Hash == fileHash)
        {
            report.Unchanged += existing.Count;
            await catalog.SetFileAsync(state, cancellationToken).ConfigureAwait(false);
            run.FileDone(info.Length, file);
            return;
        }

        var failuresBefore = report.Failures.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(Article Article, string Hash)>();
        foreach (var result in reader.Read(file, fileId))
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
            if (existing.TryGetValue(article.Id, out var previous) && previous.Hash == hash)
            {
                report.Unchanged++;
                continue;
            }
            pending.Add((article, hash));
            if (pending.Count >= BatchSize)
            {
                await WriteBatchAsync(pending, run, cancellationToken).ConfigureAwait(false);
                pending.Clear();
            }
        }
        await WriteBatchAsync(pending, run, cancellationToken).ConfigureAwait(false);

        // Only a file read without any failure tells which of its articles are gone; otherwise nothing is removed.
        if (report.Failures.Count == failuresBefore)
        {
            foreach (var (id, (_, count)) in existing.Where(e => !seen.Contains(e.Key)))
            {
                await RemoveArticleAsync(id, count, cancellationToken).ConfigureAwait(false);
                report.Removed++;
            }
            await catalog.SetFileAsync(state, cancellationToken).ConfigureAwait(false);
        }
        run.FileDone(info.Length, file);
    }

    private async Task WriteBatchAsync(List<(Article Article, string Hash)> batch, Run run, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var split = batch.Select(b => (b.Article, b.Hash, Passages: PassageSplitter.Split(b.Article.Body))).ToList();
        // The headline gives a passage its topic: "Cuts are planned" means little without "Japan to cut rice imports".
        var texts = split.SelectMany(s => s.Passages.Select(p => string.IsNullOrWhiteSpace(s.Article.Title) ? p.Text : $"{s.Article.Title}\n{p.Text}")).ToList();
        var embeddings = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        var previousCounts = await catalog.PassageCountsAsync([.. split.Select(s => s.Article.Id)], cancellationToken).ConfigureAwait(false);

        var records = new List<PassageRecord>(texts.Count);
        var entries = new List<CatalogEntry>(split.Count);
        var next = 0;
        foreach (var (article, hash, passageTexts) in split)
        {
            var vectors = Enumerable.Range(next, passageTexts.Count).Select(i => embeddings[i].Vector).ToList();
            next += passageTexts.Count;
            var articleVector = Mean(vectors);
            var storyId = await run.Stories.StoryOfAsync(article.Id, article.Published, articleVector, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < passageTexts.Count; i++)
            {
                records.Add(new PassageRecord
                {
                    Id = PassageIds.For(article.Id, i),
                    ArticleId = article.Id,
                    Ordinal = i,
                    Text = passageTexts[i].Text,
                    Title = article.Title,
                    Source = article.Source,
                    Url = article.Url,
                    Published = article.Published,
                    StoryId = storyId,
                    Embedding = vectors[i],
                });
            }
            var entry = new CatalogEntry(article.Id, article.Origin, hash, article.Title, article.Source, article.Url, article.Published,
                storyId, passageTexts.Count, articleVector);
            entries.Add(entry);
            run.Stories.Remember(entry);
        }

        await passages.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
        var stale = entries
            .Where(e => previousCounts.GetValueOrDefault(e.Id) > e.PassageCount)
            .SelectMany(e => Enumerable.Range(e.PassageCount, previousCounts[e.Id] - e.PassageCount).Select(i => PassageIds.For(e.Id, i)))
            .ToList();
        await DeletePassagesAsync(stale, cancellationToken).ConfigureAwait(false);
        await catalog.UpsertAsync(entries, cancellationToken).ConfigureAwait(false);

        run.Report.Passages += records.Count;
        foreach (var entry in entries)
        {
            if (previousCounts.ContainsKey(entry.Id))
            {
                run.Report.Updated++;
            }
            else
            {
                run.Report.Added++;
            }
        }
        run.BatchWritten();
    }

    private async Task RemoveFileAsync(string file, IngestReport report, CancellationToken cancellationToken)
    {
        foreach (var (id, (_, count)) in await catalog.ArticlesFromAsync(file, cancellationToken).ConfigureAwait(false))
        {
            await RemoveArticleAsync(id, count, cancellationToken).ConfigureAwait(false);
            report.Removed++;
        }
        await catalog.RemoveFileAsync(file, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveArticleAsync(string id, int passageCount, CancellationToken cancellationToken)
    {
        await DeletePassagesAsync(Enumerable.Range(0, passageCount).Select(i => PassageIds.For(id, i)).ToList(), cancellationToken).ConfigureAwait(false);
        await catalog.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeletePassagesAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await passages.DeleteAsync(ids, cancellationToken).ConfigureAwait(false);
    }

    private static float[] Mean(IReadOnlyList<ReadOnlyMemory<float>> vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, vector.Span, mean);
        }
        return VectorNormalization.ToUnitLength(mean);
    }

    private static async Task<string?> HashFileAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(file);
            return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The state of one run: its report, story links and progress.</summary>
    private sealed class Run(IngestReport report, StoryLinker stories, IProgress<IngestProgress>? progress)
    {
        private string _currentFile = string.Empty;

        public IngestReport Report { get; } = report;
        public StoryLinker Stories { get; } = stories;
        public long BytesTotal { get; set; }
        public long BytesDone { get; private set; }
        public int ArticlesSeen { get; set; }

        public void FileDone(long bytes, string file)
        {
            BytesDone += bytes;
            _currentFile = file;
            progress?.Report(new IngestProgress(BytesDone, BytesTotal, ArticlesSeen, _currentFile));
        }

        public void BatchWritten() => progress?.Report(new IngestProgress(BytesDone, BytesTotal, ArticlesSeen, _currentFile));
    }
}
