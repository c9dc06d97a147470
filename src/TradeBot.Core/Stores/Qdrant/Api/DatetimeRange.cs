using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>DatetimeRange</c>; bounds are RFC 3339 strings in UTC.</summary>
internal sealed record DatetimeRange
{
    [JsonPropertyName("gt")]
    public string? Gt { get; init; }

    [JsonPropertyName("gte")]
    public string? Gte { get; init; }

    [JsonPropertyName("lt")]
    public string? Lt { get; init; }

    [JsonPropertyName("lte")]
    public string? Lte { get; init; }
}
