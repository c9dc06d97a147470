using System.Numerics.Tensors;
using TradeBot.Core.Stores.Embedded;

namespace TradeBot.Core.Tests.Stores.Embedded;

public sealed class VectorIndexTests
{
    private const int Dimensions = 96;

    [Fact]
    public void Dot_AnyLength_EqualsTheScalarProductOfTheCodes()
    {
        var random = new Random(7);
        foreach (var length in new[] { 3, 32, 64, 96, 100, 127, 384 })
        {
            var query = new Int4Vectors.Query(RandomVector(random, length));
            var packed = new byte[Int4Vectors.BytesFor(length)];
            Int4Vectors.Quantize(RandomVector(random, length), packed);
            var expected = Enumerable.Range(0, length).Sum(i => (i % 2 == 0 ? query.Even : query.Odd)[i / 2] * Int4Vectors.CodeAt(packed, i));

            Assert.Equal(expected, Int4Vectors.Dot(query, packed));
            Assert.Equal(expected, Int4Vectors.Dot(query, packed, useVnni: false, useAvx2: true));
            Assert.Equal(expected, Int4Vectors.Dot(query, packed, useVnni: false, useAvx2: false));
        }
    }

    [Fact]
    public void DotMany_AnyCount_EqualsEachVectorsDot()
    {
        var random = new Random(37);
        foreach (var (length, count) in new[] { (384, 0), (384, 1), (384, 7), (384, 64), (96, 13), (100, 9) })
        {
            var query = new Int4Vectors.Query(RandomVector(random, length));
            var bytes = Int4Vectors.BytesFor(length);
            var packed = new byte[bytes * count];
            for (var v = 0; v < count; v++)
            {
                Int4Vectors.Quantize(RandomVector(random, length), packed.AsSpan(v * bytes, bytes));
            }
            var expected = Enumerable.Range(0, count).Select(v => Int4Vectors.Dot(query, packed.AsSpan(v * bytes, bytes), useVnni: false, useAvx2: false)).ToArray();

            var vectorised = new int[count];
            Int4Vectors.DotMany(query, packed, vectorised);
            var oneByOne = new int[count];
            Int4Vectors.DotMany(query, packed, oneByOne, useVnni: false);

            Assert.Equal(expected, vectorised);
            Assert.Equal(expected, oneByOne);
        }
    }

    [Fact]
    public void Quantize_Vector_KeepsItsDirection()
    {
        var vector = UnitVector(new Random(3));
        var packed = new byte[Int4Vectors.BytesFor(Dimensions)];

        var scale = Int4Vectors.Quantize(vector, packed);

        var codes = Enumerable.Range(0, Dimensions).Select(i => Int4Vectors.CodeAt(packed, i)).ToArray();
        var restored = codes.Select(c => c * scale).ToArray();
        Assert.True(TensorPrimitives.CosineSimilarity(vector, restored) > 0.98f);
        Assert.Equal(7, codes.Max(Math.Abs));
    }

    [Fact]
    public void Candidates_RescoredExactly_AreTheExactNearest()
    {
        var random = new Random(11);
        var vectors = Enumerable.Range(0, 3_000).Select(_ => UnitVector(random)).ToArray();
        using var index = new VectorIndex(Dimensions);
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Set(i, vectors[i]);
        }

        for (var q = 0; q < 20; q++)
        {
            var query = UnitVector(random);
            var exact = Enumerable.Range(0, vectors.Length).OrderByDescending(i => TensorPrimitives.Dot(query, vectors[i])).Take(10).Select(i => (long)i);

            var rescored = index.Candidates(query, 60, allowed: null).OrderByDescending(r => TensorPrimitives.Dot(query, vectors[r])).Take(10);

            Assert.Equal(exact, rescored);
        }
    }

    [Fact]
    public void Candidates_AfterRemoveAndReplace_SeeOnlyTheCurrentVectors()
    {
        var random = new Random(5);
        var target = UnitVector(random);
        using var index = new VectorIndex(Dimensions);
        index.Set(1, target);
        index.Set(2, UnitVector(random));
        index.Set(3, UnitVector(random));

        Assert.Equal(1, index.Candidates(target, 1, null)[0]);
        Assert.True(index.Remove(1));
        Assert.DoesNotContain(1L, index.Candidates(target, 3, null));
        index.Set(3, target);
        index.Set(4, UnitVector(random)); // takes the freed slot

        Assert.Equal(3, index.Candidates(target, 1, null)[0]);
        Assert.Equal(3, index.Count);
        Assert.False(index.Remove(1));
    }

    [Fact]
    public void Candidates_WithAllowedRows_ReturnOnlyThose()
    {
        var random = new Random(9);
        using var index = new VectorIndex(Dimensions);
        for (var i = 0; i < 100; i++)
        {
            index.Set(i, UnitVector(random));
        }
        var narrow = new HashSet<long> { 4, 8, 15 };
        var broad = Enumerable.Range(0, 90).Select(i => (long)i).ToHashSet();

        Assert.Equal(narrow.Order(), index.Candidates(UnitVector(random), 10, narrow).Order());
        Assert.All(index.Candidates(UnitVector(random), 50, broad), r => Assert.Contains(r, broad));
    }

    [Fact]
    public void Candidates_ManyChunks_ScanEveryChunk()
    {
        var random = new Random(13);
        using var index = new VectorIndex(8);
        var count = (VectorIndex.ChunkSize * 4) + 17;
        for (var i = 0; i < count; i++)
        {
            index.Set(i, [.. Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() - 0.5f)]);
        }
        float[] query = [1, 0, 0, 0, 0, 0, 0, 0];
        index.Set(count - 1, query);

        Assert.Equal(count - 1, index.Candidates(query, 1, null)[0]);
    }

    [Fact]
    public void WriteTo_ThenReadFrom_GivesTheSameCandidates()
    {
        var random = new Random(17);
        using var index = new VectorIndex(Dimensions);
        for (var i = 0; i < 500; i++)
        {
            index.Set(i * 3, UnitVector(random));
        }
        index.Remove(9);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            index.WriteTo(writer);
        }
        buffer.Position = 0;

        using var read = VectorIndex.ReadFrom(new BinaryReader(buffer));

        var query = UnitVector(random);
        Assert.Equal(index.Count, read.Count);
        Assert.Equal(index.Candidates(query, 25, null), read.Candidates(query, 25, null));
    }

    private static float[] RandomVector(Random random, int length) => [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    private static float[] UnitVector(Random random)
    {
        var vector = Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var norm = TensorPrimitives.Norm(vector);
        return [.. vector.Select(v => v / norm)];
    }
}
