using Microsoft.Extensions.VectorData;

namespace TradeBot.Core.Stores;

/// <summary>
/// One passage of an article as stored in a vector store. Article metadata is repeated on every passage so that a
/// search result carries everything a citation needs in one call (the Qdrant payload holds the same fields).
/// </summary>
public sealed class PassageRecord
{
    /// <summary>Deterministic id derived from the article id and the passage ordinal (see <see cref="PassageIds"/>).</summary>
    [VectorStoreKey]
    public Guid Id { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public string ArticleId { get; set; } = string.Empty;

    [VectorStoreData]
    public int Ordinal { get; set; }

    [VectorStoreData(IsFullTextIndexed = true)]
    public string Text { get; set; } = string.Empty;

    [VectorStoreData]
    public string Title { get; set; } = string.Empty;

    /// <summary>The outlet; empty when unknown.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Source { get; set; } = string.Empty;

    [VectorStoreData]
    public string? Url { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public DateTimeOffset? Published { get; set; }

    /// <summary>Articles that tell the same story share a story id (the id of the first such article).</summary>
    [VectorStoreData(IsIndexed = true)]
    public string StoryId { get; set; } = string.Empty;

    /// <summary>The embedding; its length is the configured embedder's dimension.</summary>
    [VectorStoreVector(256, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float> Embedding { get; set; }
}
