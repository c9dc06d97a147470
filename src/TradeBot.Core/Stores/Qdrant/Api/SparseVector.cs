using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>SparseVector</c>: unique uint32 indices and float values of the same length.</summary>
internal sealed record SparseVector(
    [property: JsonPropertyName("indices")] IReadOnlyList<uint> Indices,
    [property: JsonPropertyName("values")] IReadOnlyList<float> Values);
