using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>FieldCondition</c> with either an exact match or a datetime range.</summary>
internal sealed record FieldCondition : Condition
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("match")]
    public Match? Match { get; init; }

    [JsonPropertyName("range")]
    public DatetimeRange? Range { get; init; }
}
