using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>PointRequest</c> (retrieve points by id).</summary>
internal sealed record GetPointsRequest(
    [property: JsonPropertyName("ids")] IReadOnlyList<Guid> Ids,
    [property: JsonPropertyName("with_payload")] bool WithPayload,
    [property: JsonPropertyName("with_vector")] bool WithVector);
