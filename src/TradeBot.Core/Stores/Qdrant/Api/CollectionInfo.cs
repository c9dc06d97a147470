using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>The parts of Qdrant's <c>CollectionInfo</c> the store checks; everything else is ignored.</summary>
internal sealed record CollectionInfo
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("points_count")]
    public long? PointsCount { get; init; }

    [JsonPropertyName("config")]
    public CollectionConfigPart? Config { get; init; }

    internal sealed record CollectionConfigPart
    {
        [JsonPropertyName("params")]
        public CollectionParamsPart? Params { get; init; }

        [JsonPropertyName("metadata")]
        public JsonObject? Metadata { get; init; }
    }

    internal sealed record CollectionParamsPart
    {
        /// <summary>Either one unnamed <c>VectorParams</c> or a map of named ones.</summary>
        [JsonPropertyName("vectors")]
        public JsonElement Vectors { get; init; }

        [JsonPropertyName("sparse_vectors")]
        public IReadOnlyDictionary<string, SparseVectorParams>? SparseVectors { get; init; }
    }
}
