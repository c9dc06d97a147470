using Microsoft.Extensions.AI;

namespace TradeBot.Core.Embeddings;

/// <summary>
/// Tells an embedder that a text is a search query rather than a passage, for models that embed the two differently
/// (arctic-embed prefixes queries with an instruction). Embedders that make no difference ignore it.
/// </summary>
public static class EmbeddingPurpose
{
    private const string Key = "tradebot.purpose";
    private const string QueryValue = "query";

    /// <summary>Options that mark the texts as queries.</summary>
    public static EmbeddingGenerationOptions Query() => new() { AdditionalProperties = new() { [Key] = QueryValue } };

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is QueryValue;
}
