using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Articles;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Writes cleaned articles to the store in batches: split, embed (one call per batch), link to stories, upsert the
/// passages, delete the passages an article no longer has, and only then record the articles in the catalog, so that
/// a run killed midway is completed by the next one, with no duplicates (passage ids are deterministic).
/// </summary>
internal sealed class ArticleBatchWriter(
    VectorStoreCollection<Guid, PassageRecord> passages,
    ArticleCatalog catalog,
    IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    public const int BatchSize = 256;

    public async Task WriteAsync(IReadOnlyList<(Article Article, string Hash)> batch, IngestRun run, CancellationToken cancellationToken)
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

    /// <summary>Deletes an article's passages, then its catalog entry.</summary>
    public async Task RemoveArticleAsync(string id, int passageCount, CancellationToken cancellationToken)
    {
        await DeletePassagesAsync([.. Enumerable.Range(0, passageCount).Select(i => PassageIds.For(id, i))], cancellationToken).ConfigureAwait(false);
        await catalog.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeletePassagesAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count > 0)
        {
            await passages.DeleteAsync(ids, cancellationToken).ConfigureAwait(false);
        }
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
}
