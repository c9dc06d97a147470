using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>Prefetch</c>: one candidate list for fusion.</summary>
internal sealed record Prefetch
{
    [JsonPropertyName("query")]
    public required QueryInput Query { get; init; }

    [JsonPropertyName("using")]
    public required string Using { get; init; }

    [JsonPropertyName("filter")]
    public Filter? Filter { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }
}
