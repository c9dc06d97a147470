using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>ScoredPoint</c> for passage points.</summary>
internal sealed record ScoredPoint
{
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    [JsonPropertyName("score")]
    public double Score { get; init; }

    [JsonPropertyName("vector")]
    public PointVectors? Vector { get; init; }

    [JsonPropertyName("payload")]
    public PassagePayload? Payload { get; init; }
}
