using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>QueryResponse</c>: an object with <c>points</c>, not a bare array as the removed /search returned.</summary>
internal sealed record QueryResponse
{
    [JsonPropertyName("points")]
    public IReadOnlyList<ScoredPoint> Points { get; init; } = [];
}
