using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>PointStruct</c> (upsert) and <c>Record</c>/<c>ScoredPoint</c> (read) for passage points.</summary>
internal sealed record PointStruct
{
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    [JsonPropertyName("vector")]
    public PointVectors? Vector { get; init; }

    [JsonPropertyName("payload")]
    public PassagePayload? Payload { get; init; }
}
