using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Stores;

/// <summary>
/// A deterministic stand-in for an embedder: the analyzed terms hashed into a small bag-of-words vector, normalised.
/// Texts sharing terms are close; good enough to check ranking and plumbing, not semantics.
/// </summary>
internal static class TestEmbeddings
{
    public const int Dimension = 32;
    public const string Name = "test-bag-of-words-32";

    public static ReadOnlyMemory<float> Embed(string text)
    {
        var vector = new float[Dimension];
        foreach (var term in TextAnalyzer.Terms(text))
        {
            var hash = 17;
            foreach (var c in term)
            {
                hash = unchecked((hash * 31) + c);
            }
            vector[(hash & int.MaxValue) % Dimension] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }
        return vector.Select(v => v / norm).ToArray();
    }
}
