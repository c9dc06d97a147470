namespace TradeBot.Core.Ingestion;

/// <summary>What the catalog says the store holds against what the store holds, after a sync.</summary>
public sealed record StoreConsistency(long StorePassages, long CatalogPassages, int CatalogArticles)
{
    /// <summary>Passages the catalog lists that the store lacks (negative: the store holds passages the catalog does not list).</summary>
    public long Missing => CatalogPassages - StorePassages;

    /// <summary>More than 1% of the passages differ (any difference on a small store).</summary>
    public bool HasLargeGap => Math.Abs(Missing) > CatalogPassages / 100;

    /// <summary>The gap in words, with what to do; null when there is no large gap.</summary>
    public string? Problem => !HasLargeGap ? null
        : Missing > 0 ? $"The store holds {StorePassages:N0} usable passages, but the catalog lists {CatalogPassages:N0} for {CatalogArticles:N0} articles: {Missing:N0} are missing or damaged. Run `ingest --verify` to repair them."
        : $"The store holds {StorePassages:N0} passages, {-Missing:N0} more than the catalog lists ({CatalogPassages:N0}); some passages are left over from elsewhere.";
}
