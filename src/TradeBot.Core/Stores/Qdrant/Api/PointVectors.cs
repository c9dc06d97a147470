using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>The named vectors of a passage point: the dense embedding and the BM25-style sparse term weights.</summary>
internal sealed record PointVectors
{
    [JsonPropertyName(QdrantNames.DenseVector)]
    public float[]? Dense { get; init; }

    [JsonPropertyName(QdrantNames.SparseVector)]
    public SparseVector? Sparse { get; init; }
}
