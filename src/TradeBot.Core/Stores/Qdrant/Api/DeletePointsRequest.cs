using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>PointsSelector</c>: either <c>PointIdsList</c> (points) or <c>FilterSelector</c> (filter), never both.</summary>
internal sealed record DeletePointsRequest
{
    [JsonPropertyName("points")]
    public IReadOnlyList<Guid>? Points { get; init; }

    [JsonPropertyName("filter")]
    public Filter? Filter { get; init; }
}
