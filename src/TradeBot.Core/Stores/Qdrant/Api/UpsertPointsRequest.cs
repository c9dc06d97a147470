using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>PointsList</c> form of <c>PointInsertOperations</c>.</summary>
internal sealed record UpsertPointsRequest([property: JsonPropertyName("points")] IReadOnlyList<PointStruct> Points);
