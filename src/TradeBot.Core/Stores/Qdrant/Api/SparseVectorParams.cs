using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>SparseVectorParams</c>; <c>modifier</c> is "none" or "idf".</summary>
internal sealed record SparseVectorParams([property: JsonPropertyName("modifier")] string? Modifier);
