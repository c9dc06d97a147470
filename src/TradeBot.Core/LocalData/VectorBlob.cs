using System.Runtime.InteropServices;

namespace TradeBot.Core.LocalData;

internal static class VectorBlob
{
    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
