using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>CreateCollection</c> with named dense vectors, named sparse vectors and free-form metadata.</summary>
internal sealed record CreateCollectionRequest(
    [property: JsonPropertyName("vectors")] IReadOnlyDictionary<string, DenseVectorParams> Vectors,
    [property: JsonPropertyName("sparse_vectors")] IReadOnlyDictionary<string, SparseVectorParams> SparseVectors,
    [property: JsonPropertyName("metadata")] JsonObject Metadata);
