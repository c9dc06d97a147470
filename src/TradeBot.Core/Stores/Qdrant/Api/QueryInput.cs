using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>
/// The <c>query</c> of a <c>QueryRequest</c> or <c>Prefetch</c>: a bare dense vector, a sparse vector, or RRF fusion.
/// The spec models these as an untagged union, so a converter writes each shape.
/// </summary>
[JsonConverter(typeof(QueryInputConverter))]
internal abstract record QueryInput
{
    internal sealed record Dense(float[] Vector) : QueryInput;

    internal sealed record Sparse(SparseVector Vector) : QueryInput;

    /// <summary><c>{"rrf": {"k": K}}</c>: explicit k, because Qdrant's <c>{"fusion": "rrf"}</c> uses k = 2.</summary>
    internal sealed record Rrf(int K) : QueryInput;
}
