using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>ScrollRequest</c>; <c>offset</c> is the <c>next_page_offset</c> of the previous page.</summary>
internal sealed record ScrollRequest
{
    [JsonPropertyName("filter")]
    public Filter? Filter { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }

    [JsonPropertyName("offset")]
    public Guid? Offset { get; init; }

    [JsonPropertyName("with_payload")]
    public bool WithPayload { get; init; } = true;

    [JsonPropertyName("with_vector")]
    public bool WithVector { get; init; }
}
