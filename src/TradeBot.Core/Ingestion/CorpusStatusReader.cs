using Microsoft.Extensions.Options;
using TradeBot.Core.Ingestion.Feeds;

namespace TradeBot.Core.Ingestion;

/// <summary>Reads the <see cref="CorpusStatus"/> from the catalog and the ingestion status, as any process on the data folder sees them.</summary>
public sealed class CorpusStatusReader(ArticleCatalog catalog, IngestionStatusStore status, CorpusIngestion ingestion, IOptions<FeedSubscriptions> subscriptions)
{
    public async Task<CorpusStatus> ReadAsync(CancellationToken cancellationToken = default)
    {
        var (articles, earliest, latest) = await catalog.SummaryAsync(cancellationToken).ConfigureAwait(false);
        var (_, passages) = await catalog.CountAsync(cancellationToken).ConfigureAwait(false);
        var fromFeeds = await catalog.CountFromFeedsAsync(cancellationToken).ConfigureAwait(false);
        var known = (await status.FeedsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Url, StringComparer.Ordinal);
        var feeds = subscriptions.Value.Feeds.Select(f => known.GetValueOrDefault(f.Url) ?? FeedState.New(f.Url))
            .Concat(known.Values.Where(k => subscriptions.Value.Feeds.All(f => f.Url != k.Url)))
            .ToList();
        return new CorpusStatus(articles, fromFeeds, passages, earliest, latest, ingestion.CorpusPath,
            await status.GetFolderSyncAsync(cancellationToken).ConfigureAwait(false), feeds);
    }
}
