using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// Symmetric int8 quantization of a vector (one scale per vector: its largest magnitude maps to 127) and the
/// integer dot product, vectorised. A quantized score only chooses candidates; they are rescored with the stored
/// floats, so what a search returns is exact.
/// </summary>
internal static class Int8Vectors
{
    /// <summary>Writes the codes of <paramref name="vector"/> and returns its scale (0 for a zero vector).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var largest = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (largest == 0 || !float.IsFinite(largest))
        {
            codes.Clear();
            return 0;
        }
        var inverse = 127f / largest;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }
        return largest / 127f;
    }

    /// <summary>The sum of the codes, which the unsigned-by-signed VNNI product needs to be corrected by.</summary>
    public static int Sum(ReadOnlySpan<sbyte> codes)
    {
        var sum = 0;
        foreach (var code in codes)
        {
            sum += code;
        }
        return sum;
    }

    /// <summary>
    /// The integer dot product of a query and a stored vector. <paramref name="queryBiased"/> is the query's codes
    /// plus 128 (as bytes), used by VNNI's unsigned-by-signed multiply; <paramref name="storedSum"/> corrects for
    /// the bias.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> query, ReadOnlySpan<byte> queryBiased, ReadOnlySpan<sbyte> stored, int storedSum)
    {
        var length = query.Length;
        var i = 0;
        var total = 0;
        if (AvxVnni.IsSupported && length >= 32)
        {
            var accumulator = Vector256<int>.Zero;
            ref var q = ref MemoryMarshal.GetReference(queryBiased);
            ref var s = ref MemoryMarshal.GetReference(stored);
            for (; i <= length - 32; i += 32)
            {
                accumulator = AvxVnni.MultiplyWideningAndAdd(accumulator, Vector256.LoadUnsafe(ref q, (nuint)i), Vector256.LoadUnsafe(ref s, (nuint)i));
            }
            total = Vector256.Sum(accumulator) - (128 * SumOf(stored[..i], storedSum, length == i));
        }
        else if (Avx2.IsSupported && length >= 32)
        {
            var accumulator = Vector256<int>.Zero;
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var s = ref MemoryMarshal.GetReference(stored);
            for (; i <= length - 32; i += 32)
            {
                var (queryLow, queryHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref q, (nuint)i));
                var (storedLow, storedHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                accumulator += Avx2.MultiplyAddAdjacent(queryLow, storedLow) + Avx2.MultiplyAddAdjacent(queryHigh, storedHigh);
            }
            total = Vector256.Sum(accumulator);
        }
        for (; i < length; i++)
        {
            total += query[i] * stored[i];
        }
        return total;
    }

    /// <summary>The sum of the codes the vector loop covered: all of them when it covered the whole vector.</summary>
    private static int SumOf(ReadOnlySpan<sbyte> covered, int wholeSum, bool whole) => whole ? wholeSum : Sum(covered);
}
