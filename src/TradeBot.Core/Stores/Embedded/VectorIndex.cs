using System.Numerics.Tensors;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// All passage vectors in one contiguous array, scanned exactly (no approximation). Fine for an embedded store of a
/// few million passages; beyond that, Qdrant's HNSW index is the way.
/// </summary>
internal sealed class VectorIndex(long[] rowIds, float[] vectors, int dimensions)
{
    public int Count => rowIds.Length;

    public IReadOnlyList<(long RowId, float Score)> Search(ReadOnlySpan<float> query, int top, IReadOnlySet<long>? allowed)
    {
        if (rowIds.Length == 0)
        {
            return []; // an empty store has no dimensions yet: nothing to find, whatever the query
        }
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions; the store holds {dimensions}.", nameof(query));
        }
        var best = new PriorityQueue<long, float>(top + 1);
        for (var i = 0; i < rowIds.Length; i++)
        {
            if (allowed is not null && !allowed.Contains(rowIds[i]))
            {
                continue;
            }
            var score = TensorPrimitives.Dot(query, vectors.AsSpan(i * dimensions, dimensions));
            if (best.Count < top)
            {
                best.Enqueue(rowIds[i], score);
            }
            else if (best.TryPeek(out _, out var lowest) && score > lowest)
            {
                best.EnqueueDequeue(rowIds[i], score);
            }
        }
        var results = new List<(long, float)>(best.Count);
        while (best.TryDequeue(out var rowId, out var score))
        {
            results.Add((rowId, score));
        }
        results.Reverse();
        return results;
    }
}
