using System.Text;
using Qdrant.Client.Grpc;
using TradeBot.Core.Text;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// Turns analyzed terms (<see cref="TextAnalyzer"/>, the same analysis as the embedded store's BM25) into sparse
/// vectors. A term's index is the 32-bit FNV-1a hash of its UTF-8 bytes. Documents carry BM25's saturated term
/// frequency; queries weigh every term 1; the collection's <c>idf</c> modifier supplies the IDF on the server.
/// </summary>
internal static class SparseTermEncoder
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>A fixed typical passage length in terms (Qdrant has no corpus statistic for document length).</summary>
    private const double AverageTermCount = 100;

    public static uint IndexOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(term))
        {
            hash = unchecked((hash ^ b) * prime);
        }
        return hash;
    }

    public static SparseVector ForDocument(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = TextAnalyzer.Terms(text);
        var counts = new SortedDictionary<uint, int>();
        foreach (var term in terms)
        {
            var index = IndexOf(term);
            counts[index] = counts.GetValueOrDefault(index) + 1;
        }
        var lengthNorm = K1 * (1 - B + (B * terms.Count / AverageTermCount));
        var vector = new SparseVector();
        foreach (var (index, count) in counts)
        {
            vector.Indices.Add(index);
            vector.Values.Add((float)(count * (K1 + 1) / (count + lengthNorm)));
        }
        return vector;
    }

    /// <summary>Query terms are already analyzed; each distinct term counts once with weight 1.</summary>
    public static SparseVector ForQuery(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var indices = new SortedSet<uint>(terms.Where(t => !string.IsNullOrEmpty(t)).Select(IndexOf));
        var vector = new SparseVector();
        vector.Indices.AddRange(indices);
        vector.Values.AddRange(indices.Select(_ => 1f));
        return vector;
    }
}
