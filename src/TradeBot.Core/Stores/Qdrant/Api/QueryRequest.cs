using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>QueryRequest</c> (POST …/points/query), the only search call the 1.19 spec describes.</summary>
internal sealed record QueryRequest
{
    [JsonPropertyName("prefetch")]
    public IReadOnlyList<Prefetch>? Prefetch { get; init; }

    [JsonPropertyName("query")]
    public required QueryInput Query { get; init; }

    [JsonPropertyName("using")]
    public string? Using { get; init; }

    [JsonPropertyName("filter")]
    public Filter? Filter { get; init; }

    [JsonPropertyName("score_threshold")]
    public float? ScoreThreshold { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }

    [JsonPropertyName("offset")]
    public int? Offset { get; init; }

    /// <summary>Query defaults to no payload; the store always needs it for citations.</summary>
    [JsonPropertyName("with_payload")]
    public bool WithPayload { get; init; } = true;

    [JsonPropertyName("with_vector")]
    public bool WithVector { get; init; }
}
