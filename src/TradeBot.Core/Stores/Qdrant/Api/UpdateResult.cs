using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>UpdateResult</c>; <c>status</c> is acknowledged, completed or wait_timeout.</summary>
internal sealed record UpdateResult(
    [property: JsonPropertyName("operation_id")] long? OperationId,
    [property: JsonPropertyName("status")] string Status);
