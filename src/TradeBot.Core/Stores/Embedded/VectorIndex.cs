using System.Buffers;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The passage vectors as int4 codes (<see cref="Int4Vectors"/>: an eighth of the floats' memory), in chunks that grow
/// and are updated in place, scanned in full with SIMD to choose candidates. The floats stay in SQLite, which rescores
/// the candidates exactly; this index is a cache rebuilt from the file whenever it is missing or stale (see
/// <see cref="VectorIndexFile"/>).
/// An exact scan, not a graph: its recall does not depend on how the vectors are distributed, and its cost is one
/// pass over half a byte per dimension and passage.
/// </summary>
internal sealed class VectorIndex : IDisposable
{
    internal const int ChunkSize = 16_384;

    /// <summary>Below this many vectors one thread scans them all; above it each core takes a share of the chunks.</summary>
    private const int ParallelThreshold = 65_536;

    private readonly List<Chunk> _chunks = [];
    private readonly Dictionary<long, int> _slots = [];
    private readonly Stack<int> _free = new();
    private readonly ReaderWriterLockSlim _lock = new();
    private int _used;

    public VectorIndex(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimensions);
        Dimensions = dimensions;
    }

    /// <summary>0 for an index of an empty store: it holds nothing until it is rebuilt.</summary>
    public int Dimensions { get; }

    /// <summary>The bytes of one vector's codes.</summary>
    private int CodeBytes => Int4Vectors.BytesFor(Dimensions);

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _slots.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Bytes held by the codes, scales and ids (not the row map): what the vectors cost in memory.</summary>
    public long MemoryBytes => (long)_chunks.Count * ChunkSize * (CodeBytes + sizeof(float) + sizeof(long));

    /// <summary>Adds or replaces the vector of a row.</summary>
    public void Set(long rowId, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"The vector has {vector.Length} dimensions; the index holds {Dimensions}.", nameof(vector));
        }
        _lock.EnterWriteLock();
        try
        {
            if (!_slots.TryGetValue(rowId, out var slot))
            {
                slot = _free.Count > 0 ? _free.Pop() : _used++;
                if (slot / ChunkSize >= _chunks.Count)
                {
                    _chunks.Add(new Chunk(Dimensions));
                }
                _slots[rowId] = slot;
            }
            var chunk = _chunks[slot / ChunkSize];
            var offset = slot % ChunkSize;
            chunk.Scales[offset] = Int4Vectors.Quantize(vector, chunk.Codes.AsSpan(offset * CodeBytes, CodeBytes));
            chunk.RowIds[offset] = rowId;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long rowId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slots.Remove(rowId, out var slot))
            {
                return false;
            }
            _chunks[slot / ChunkSize].RowIds[slot % ChunkSize] = Chunk.Free;
            _free.Push(slot);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The rows of the <paramref name="count"/> best quantized scores, best first; only rows in
    /// <paramref name="allowed"/> when it is given. The caller rescores them with the exact vectors.
    /// </summary>
    public IReadOnlyList<long> Candidates(ReadOnlySpan<float> query, int count, IReadOnlySet<long>? allowed)
    {
        if (Dimensions == 0 || count <= 0)
        {
            return [];
        }
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions; the store holds {Dimensions}.", nameof(query));
        }
        var probe = new Probe(new Int4Vectors.Query(query), count);

        _lock.EnterReadLock();
        try
        {
            if (allowed is not null && allowed.Count * 4L < _slots.Count)
            {
                // A narrow filter: score only the rows it allows.
                var best = new TopK(count);
                foreach (var rowId in allowed)
                {
                    if (_slots.TryGetValue(rowId, out var slot))
                    {
                        var chunk = _chunks[slot / ChunkSize];
                        best.Offer(rowId, probe.Score(chunk, slot % ChunkSize, CodeBytes));
                    }
                }
                return best.Ranked();
            }
            var chunks = _chunks.Count;
            if (_used < ParallelThreshold || Environment.ProcessorCount == 1)
            {
                return Scan(probe, 0, chunks, allowed).Ranked();
            }
            var parts = Math.Min(Environment.ProcessorCount, chunks);
            var partial = new TopK[parts];
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
                partial[part] = Scan(probe, chunks * part / parts, chunks * (part + 1) / parts, allowed));
            var merged = new TopK(count);
            foreach (var top in partial)
            {
                top.MergeInto(merged);
            }
            return merged.Ranked();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Writes the codes (not the row map, which is rebuilt on read).</summary>
    public void WriteTo(BinaryWriter writer)
    {
        _lock.EnterReadLock();
        try
        {
            writer.Write(Dimensions);
            writer.Write(_slots.Count);
            foreach (var chunk in _chunks)
            {
                for (var offset = 0; offset < ChunkSize; offset++)
                {
                    if (chunk.RowIds[offset] == Chunk.Free)
                    {
                        continue;
                    }
                    writer.Write(chunk.RowIds[offset]);
                    writer.Write(chunk.Scales[offset]);
                    writer.Write(chunk.Codes.AsSpan(offset * CodeBytes, CodeBytes));
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public static VectorIndex ReadFrom(BinaryReader reader)
    {
        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dimensions < 0 || dimensions > 65_536 || count < 0)
        {
            throw new InvalidDataException("The vector index file has an impossible header.");
        }
        var index = new VectorIndex(dimensions);
        for (var slot = 0; slot < count; slot++)
        {
            if (slot / ChunkSize >= index._chunks.Count)
            {
                index._chunks.Add(new Chunk(dimensions));
            }
            var chunk = index._chunks[slot / ChunkSize];
            var offset = slot % ChunkSize;
            var rowId = reader.ReadInt64();
            chunk.RowIds[offset] = rowId;
            chunk.Scales[offset] = reader.ReadSingle();
            if (reader.Read(chunk.Codes.AsSpan(offset * index.CodeBytes, index.CodeBytes)) != index.CodeBytes)
            {
                throw new EndOfStreamException("The vector index file ends early.");
            }
            if (!index._slots.TryAdd(rowId, slot))
            {
                throw new InvalidDataException("The vector index file names a row twice.");
            }
        }
        index._used = count;
        return index;
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>Scores each chunk's codes in one pass (<see cref="Int4Vectors.DotMany(Int4Vectors.Query, ReadOnlySpan{byte}, Span{int})"/>), then keeps the best of its current, allowed rows.</summary>
    private TopK Scan(Probe probe, int firstChunk, int endChunk, IReadOnlySet<long>? allowed)
    {
        var best = new TopK(probe.Count);
        var codeBytes = CodeBytes;
        var dots = ArrayPool<int>.Shared.Rent(ChunkSize);
        try
        {
            for (var c = firstChunk; c < endChunk; c++)
            {
                var chunk = _chunks[c];
                var slots = Math.Min(ChunkSize, _used - (c * ChunkSize));
                var rowIds = chunk.RowIds;
                var scales = chunk.Scales;
                probe.DotMany(chunk.Codes.AsSpan(0, slots * codeBytes), dots.AsSpan(0, slots));
                for (var offset = 0; offset < slots; offset++)
                {
                    var rowId = rowIds[offset];
                    var score = dots[offset] * scales[offset];
                    if (score > best.ScoreToBeat && rowId != Chunk.Free && (allowed is null || allowed.Contains(rowId)))
                    {
                        best.Offer(rowId, score);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(dots);
        }
        return best;
    }

    private sealed class Chunk(int dimensions)
    {
        public const long Free = long.MinValue;

        public byte[] Codes { get; } = new byte[ChunkSize * Int4Vectors.BytesFor(dimensions)];

        public float[] Scales { get; } = new float[ChunkSize];

        public long[] RowIds { get; } = CreateFree();

        private static long[] CreateFree()
        {
            var ids = new long[ChunkSize];
            Array.Fill(ids, Free);
            return ids;
        }
    }

    private sealed class Probe(Int4Vectors.Query query, int count)
    {
        public int Count => count;

        public float Score(Chunk chunk, int offset, int codeBytes) =>
            Int4Vectors.Dot(query, chunk.Codes.AsSpan(offset * codeBytes, codeBytes)) * chunk.Scales[offset];

        public void DotMany(ReadOnlySpan<byte> codes, Span<int> dots) => Int4Vectors.DotMany(query, codes, dots);
    }

    /// <summary>The best <c>k</c> scores seen, in a min-heap whose root is the score to beat.</summary>
    private sealed class TopK(int k)
    {
        private readonly PriorityQueue<long, float> _heap = new(k + 1);

        /// <summary>The score a new row must beat to enter: the lowest kept once <c>k</c> are kept.</summary>
        public float ScoreToBeat { get; private set; } = float.NegativeInfinity;

        public void Offer(long rowId, float score)
        {
            if (_heap.Count < k)
            {
                _heap.Enqueue(rowId, score);
            }
            else if (_heap.TryPeek(out _, out var lowest) && score > lowest)
            {
                _heap.EnqueueDequeue(rowId, score);
            }
            if (_heap.Count == k && _heap.TryPeek(out _, out var threshold))
            {
                ScoreToBeat = threshold;
            }
        }

        public void MergeInto(TopK other)
        {
            foreach (var (rowId, score) in _heap.UnorderedItems)
            {
                other.Offer(rowId, score);
            }
        }

        public IReadOnlyList<long> Ranked()
        {
            var ranked = new long[_heap.Count];
            for (var i = ranked.Length - 1; _heap.TryDequeue(out var rowId, out _); i--)
            {
                ranked[i] = rowId;
            }
            return ranked;
        }
    }
}
