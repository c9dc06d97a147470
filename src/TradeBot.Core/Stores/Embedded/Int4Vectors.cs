using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The vector index's codes: each stored vector quantized to four bits a dimension (one scale per vector: its largest
/// magnitude maps to 7; codes -7..7 kept as 1..15, two to a byte, the even dimension in the low nibble), and scored
/// against a query kept at eight bits, vectorised. Half the memory of int8 codes and half the bytes a full scan reads,
/// which is what bounds it. A quantized score only chooses candidates; they are rescored with the stored floats, so
/// what a search returns is exact.
/// </summary>
internal static class Int4Vectors
{
    private const int Bias = 8;
    private const float Levels = 7f;

    public static int BytesFor(int dimensions) => (dimensions + 1) / 2;

    /// <summary>Writes the packed codes of <paramref name="vector"/> and returns its scale (0 for a zero vector).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<byte> packed)
    {
        var largest = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        packed.Fill(Bias | (Bias << 4));
        if (largest == 0 || !float.IsFinite(largest))
        {
            return 0;
        }
        var inverse = Levels / largest;
        for (var i = 0; i < vector.Length; i++)
        {
            var code = (int)Math.Clamp(MathF.Round(vector[i] * inverse), -Levels, Levels) + Bias;
            packed[i / 2] = (byte)(i % 2 == 0 ? (packed[i / 2] & 0xF0) | code : (packed[i / 2] & 0x0F) | (code << 4));
        }
        return largest / Levels;
    }

    /// <summary>The code of dimension <paramref name="index"/>, -7..7.</summary>
    public static int CodeAt(ReadOnlySpan<byte> packed, int index) =>
        ((index % 2 == 0 ? packed[index / 2] : packed[index / 2] >> 4) & 0x0F) - Bias;

    /// <summary>
    /// The integer dot product of a query and a stored vector's codes: on AVX-VNNI (or AVX2) 64 dimensions at a time,
    /// each byte split into its two nibbles and multiplied with the query's even and odd dimensions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(Query query, ReadOnlySpan<byte> packed) => Dot(query, packed, AvxVnni.IsSupported, Avx2.IsSupported);

    /// <summary>
    /// <see cref="Dot(Query, ReadOnlySpan{byte})"/> with the instruction sets it may use named, so that tests check
    /// every path on a machine that has them all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Dot(Query query, ReadOnlySpan<byte> packed, bool useVnni, bool useAvx2)
    {
        var length = packed.Length;
        if (query.Even.Length != length)
        {
            throw new ArgumentException($"The codes hold {length} bytes; the query's layout, {query.Even.Length}.", nameof(packed));
        }
        var i = 0;
        var total = 0;
        ref var even = ref MemoryMarshal.GetArrayDataReference(query.Even);
        ref var odd = ref MemoryMarshal.GetArrayDataReference(query.Odd);
        ref var stored = ref MemoryMarshal.GetReference(packed);
        var nibble = Vector256.Create((byte)0x0F);
        if (useVnni && AvxVnni.IsSupported && length >= 32)
        {
            var accumulator = Vector256<int>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var bytes = Vector256.LoadUnsafe(ref stored, (nuint)i);
                accumulator = AvxVnni.MultiplyWideningAndAdd(accumulator, bytes & nibble, Vector256.LoadUnsafe(ref even, (nuint)i));
                accumulator = AvxVnni.MultiplyWideningAndAdd(accumulator, Vector256.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble, Vector256.LoadUnsafe(ref odd, (nuint)i));
            }
            total = Vector256.Sum(accumulator);
        }
        else if (useAvx2 && Avx2.IsSupported && length >= 32)
        {
            var accumulator = Vector256<int>.Zero;
            var ones = Vector256.Create((short)1);
            for (; i <= length - 32; i += 32)
            {
                var bytes = Vector256.LoadUnsafe(ref stored, (nuint)i);
                // Pairs of nibble x code products fit a short (2 x 15 x 127), so the saturating step cannot saturate.
                var low = Avx2.MultiplyAddAdjacent(bytes & nibble, Vector256.LoadUnsafe(ref even, (nuint)i));
                var high = Avx2.MultiplyAddAdjacent(Vector256.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble, Vector256.LoadUnsafe(ref odd, (nuint)i));
                accumulator += Avx2.MultiplyAddAdjacent(low, ones) + Avx2.MultiplyAddAdjacent(high, ones);
            }
            total = Vector256.Sum(accumulator);
        }
        for (; i < length; i++)
        {
            total += ((packed[i] & 0x0F) * query.Even[i]) + ((packed[i] >> 4) * query.Odd[i]);
        }
        return total - query.BiasCorrection;
    }

    /// <summary>
    /// <see cref="Dot(Query, ReadOnlySpan{byte})"/> of each of the vectors packed one after another in
    /// <paramref name="packed"/>, into <paramref name="scores"/>. On AVX-VNNI four vectors are scored at once, sharing
    /// the query's loads and one horizontal sum, since a scan spends more on those than on the products.
    /// </summary>
    public static void DotMany(Query query, ReadOnlySpan<byte> packed, Span<int> scores) => DotMany(query, packed, scores, AvxVnni.IsSupported);

    /// <summary><see cref="DotMany(Query, ReadOnlySpan{byte}, Span{int})"/> with its use of AVX-VNNI named, for tests.</summary>
    internal static void DotMany(Query query, ReadOnlySpan<byte> packed, Span<int> scores, bool useVnni)
    {
        var length = query.Even.Length;
        if (packed.Length != scores.Length * length)
        {
            throw new ArgumentException($"The codes hold {packed.Length} bytes, not {scores.Length} vectors of {length}.", nameof(packed));
        }
        var v = 0;
        if (useVnni && AvxVnni.IsSupported && length % 32 == 0)
        {
            ref var even = ref MemoryMarshal.GetArrayDataReference(query.Even);
            ref var odd = ref MemoryMarshal.GetArrayDataReference(query.Odd);
            ref var stored = ref MemoryMarshal.GetReference(packed);
            var nibble = Vector256.Create((byte)0x0F);
            for (; v <= scores.Length - 4; v += 4)
            {
                var (a0, a1, a2, a3) = (Vector256<int>.Zero, Vector256<int>.Zero, Vector256<int>.Zero, Vector256<int>.Zero);
                var first = (nuint)(v * length);
                for (nuint i = 0; i < (nuint)length; i += 32)
                {
                    var e = Vector256.LoadUnsafe(ref even, i);
                    var o = Vector256.LoadUnsafe(ref odd, i);
                    var b0 = Vector256.LoadUnsafe(ref stored, first + i);
                    var b1 = Vector256.LoadUnsafe(ref stored, first + (nuint)length + i);
                    var b2 = Vector256.LoadUnsafe(ref stored, first + (2 * (nuint)length) + i);
                    var b3 = Vector256.LoadUnsafe(ref stored, first + (3 * (nuint)length) + i);
                    a0 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a0, b0 & nibble, e), Vector256.ShiftRightLogical(b0.AsUInt16(), 4).AsByte() & nibble, o);
                    a1 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a1, b1 & nibble, e), Vector256.ShiftRightLogical(b1.AsUInt16(), 4).AsByte() & nibble, o);
                    a2 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a2, b2 & nibble, e), Vector256.ShiftRightLogical(b2.AsUInt16(), 4).AsByte() & nibble, o);
                    a3 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a3, b3 & nibble, e), Vector256.ShiftRightLogical(b3.AsUInt16(), 4).AsByte() & nibble, o);
                }
                // Two pairwise additions leave, in each 128-bit half, the four vectors' partial sums in order.
                var pairs = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a0, a1), Avx2.HorizontalAdd(a2, a3));
                var totals = pairs.GetLower() + pairs.GetUpper() - Vector128.Create(query.BiasCorrection);
                totals.CopyTo(scores[v..]);
            }
        }
        for (; v < scores.Length; v++)
        {
            scores[v] = Dot(query, packed.Slice(v * length, length));
        }
    }

    /// <summary>A query's int8 codes laid out for <see cref="Dot"/>: its even and its odd dimensions apart, padded with zeros.</summary>
    public sealed class Query
    {
        public Query(ReadOnlySpan<float> vector)
        {
            var codes = new sbyte[vector.Length];
            var largest = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
            if (largest > 0 && float.IsFinite(largest))
            {
                for (var i = 0; i < vector.Length; i++)
                {
                    codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * 127f / largest), -127f, 127f);
                }
            }
            Even = new sbyte[BytesFor(vector.Length)];
            Odd = new sbyte[Even.Length];
            var sum = 0;
            for (var i = 0; i < codes.Length; i++)
            {
                (i % 2 == 0 ? Even : Odd)[i / 2] = codes[i];
                sum += codes[i];
            }
            BiasCorrection = Bias * sum; // every stored code carries the bias
        }

        public sbyte[] Even { get; }

        public sbyte[] Odd { get; }

        public int BiasCorrection { get; }
    }
}
