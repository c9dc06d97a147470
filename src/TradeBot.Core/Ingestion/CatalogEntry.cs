namespace TradeBot.Core.Ingestion;

/// <summary>What the catalog remembers of an ingested article.</summary>
public sealed record CatalogEntry(
    string Id,
    string Origin,
    string ContentHash,
    string Title,
    string Source,
    string? Url,
    DateTimeOffset? Published,
    string StoryId,
    int PassageCount,
    float[] Vector);
