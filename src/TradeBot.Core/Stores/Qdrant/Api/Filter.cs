using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>Filter</c>. The server rejects unknown keys here, so only the three clauses exist.</summary>
internal sealed record Filter : Condition
{
    [JsonPropertyName("must")]
    public IReadOnlyList<Condition>? Must { get; init; }

    [JsonPropertyName("should")]
    public IReadOnlyList<Condition>? Should { get; init; }

    [JsonPropertyName("must_not")]
    public IReadOnlyList<Condition>? MustNot { get; init; }
}
