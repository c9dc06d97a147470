using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Keeps the catalog from claiming what the store does not hold. The store and its catalog share one identity (an
/// instance id in the store's own metadata, recorded in the catalog): before each sync, another identity (a recreated
/// collection, another cluster, a replaced file) or an empty store under a full catalog resets the catalog, so the sync
/// ingests everything again. After a sync, the passage counts are compared; <see cref="MarkDamagedAsync"/> checks
/// every article's passages and marks the incomplete ones to be written again.
/// </summary>
public sealed class CatalogGuard(ArticleCatalog catalog, VectorStoreCollection<Guid, PassageRecord> passages)
{
    private const int PageSize = 256;

    private IPassageStoreInventory? Inventory => passages.GetService(typeof(IPassageStoreInventory)) as IPassageStoreInventory;

    /// <summary>Resets the catalog when it describes another store than the one present; returns the reason, or null when they match.</summary>
    public async Task<string?> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        if (Inventory is not { } inventory)
        {
            return null;
        }
        var storeId = await inventory.GetInstanceIdAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await catalog.GetStoreIdAsync(cancellationToken).ConfigureAwait(false);
        var (articles, catalogPassages) = await catalog.CountAsync(cancellationToken).ConfigureAwait(false);
        string? reason = null;
        if (articles > 0 && storeId is not null && recorded is not null && storeId != recorded)
        {
            reason = $"the store '{passages.Name}' is not the one the catalog {catalog.FilePath} describes (instance {storeId}, the catalog recorded {recorded}): it was recreated, emptied or replaced";
        }
        else if (catalogPassages > 0 && await inventory.CountPassagesAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            reason = $"the store '{passages.Name}' holds no usable passages, but the catalog {catalog.FilePath} lists {articles:N0} articles with {catalogPassages:N0}";
            // Whatever is left (keyword entries of a dropped table, damaged rows) goes, so the store starts clean.
            await passages.EnsureCollectionDeletedAsync(cancellationToken).ConfigureAwait(false);
            await passages.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
            storeId = await inventory.GetInstanceIdAsync(cancellationToken).ConfigureAwait(false);
        }
        if (reason is not null)
        {
            // The mirror first: a run stopped in between still finds the catalog describing another store, and resets both again.
            if (passages.GetService(typeof(IPassageMirror)) is IPassageMirror mirror)
            {
                await mirror.ClearAsync(cancellationToken).ConfigureAwait(false);
            }
            await catalog.ResetAsync(cancellationToken).ConfigureAwait(false);
            reason = $"Re-ingesting everything: {reason}.";
        }
        if (storeId is not null && storeId != recorded)
        {
            await catalog.SetStoreIdAsync(storeId, cancellationToken).ConfigureAwait(false);
        }
        return reason;
    }

    /// <summary>The cheap check: the store's passage count against the catalog's; null when the store cannot tell.</summary>
    public async Task<StoreConsistency?> CheckAsync(CancellationToken cancellationToken = default)
    {
        if (Inventory is not { } inventory)
        {
            return null;
        }
        var (articles, catalogPassages) = await catalog.CountAsync(cancellationToken).ConfigureAwait(false);
        return new StoreConsistency(await inventory.CountPassagesAsync(cancellationToken).ConfigureAwait(false), catalogPassages, articles);
    }

    /// <summary>
    /// Checks that the store holds every passage of every article in the catalog; an article missing any is marked
    /// so that the next sync of its file writes it again. Returns how many articles were marked.
    /// </summary>
    public async Task<int> MarkDamagedAsync(CancellationToken cancellationToken = default)
    {
        if (Inventory is not { } inventory)
        {
            return 0;
        }
        var damaged = new List<(string Id, string Origin)>();
        await foreach (var page in catalog.ArticlePagesAsync(PageSize, cancellationToken).ConfigureAwait(false))
        {
            var expected = page.SelectMany(a => Enumerable.Range(0, a.PassageCount).Select(i => PassageIds.For(a.Id, i))).ToList();
            var present = await inventory.ContainsAsync(expected, cancellationToken).ConfigureAwait(false);
            damaged.AddRange(page
                .Where(a => Enumerable.Range(0, a.PassageCount).Any(i => !present.Contains(PassageIds.For(a.Id, i))))
                .Select(a => (a.Id, a.Origin)));
        }
        foreach (var (id, origin) in damaged)
        {
            await catalog.MarkForRewriteAsync(id, origin, cancellationToken).ConfigureAwait(false);
        }
        return damaged.Count;
    }
}
