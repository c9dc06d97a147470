namespace TradeBot.Core.Text;

/// <summary>FNV-1a over UTF-16 code units: the same value on every machine and run (string.GetHashCode is randomised).</summary>
public static class StableHash
{
    public static uint Of(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        // Final avalanche so that the low bits (used for the index) depend on every character.
        hash ^= hash >> 15;
        hash *= 0x2c1b3c6du;
        hash ^= hash >> 12;
        return hash;
    }
}
