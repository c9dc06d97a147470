using Microsoft.Extensions.AI;

namespace TradeBot.Core.Embeddings;

/// <summary>What names an embedder's vectors: its model and dimensions, so that vectors of different models never mix.</summary>
public static class EmbedderIdentity
{
    public static string Of(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return embedder.GetService<EmbeddingGeneratorMetadata>() is { } metadata
            ? $"{metadata.DefaultModelId}/{metadata.DefaultModelDimensions}"
            : embedder.GetType().Name;
    }
}
