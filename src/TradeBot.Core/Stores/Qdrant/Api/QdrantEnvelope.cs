using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>
/// Qdrant's response envelope. <c>status</c> is the string "ok" on success and an object <c>{"error": "…"}</c> on
/// failure, so it stays a <see cref="JsonElement"/> and the caller decides by its kind.
/// </summary>
internal sealed record QdrantEnvelope<T>
{
    [JsonPropertyName("result")]
    public T? Result { get; init; }

    [JsonPropertyName("status")]
    public JsonElement Status { get; init; }

    [JsonPropertyName("time")]
    public double? Time { get; init; }
}
