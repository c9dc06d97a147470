namespace TradeBot.Core.Stores;

/// <summary>How many passages contain each analysed term: the IDF that weighs question words, and the vocabulary that spelling correction draws on.</summary>
public sealed class TermStatistics(long documentCount, IReadOnlyDictionary<string, int> documentFrequencies)
{
    public static TermStatistics Empty { get; } = new(0, new Dictionary<string, int>());

    public long DocumentCount { get; } = documentCount;

    public IReadOnlyDictionary<string, int> DocumentFrequencies { get; } = documentFrequencies;

    public int DocumentFrequency(string term) => DocumentFrequencies.GetValueOrDefault(term);

    /// <summary>BM25's IDF; a term the corpus never uses gets the highest value a term can have.</summary>
    public double Idf(string term)
    {
        var df = DocumentFrequency(term);
        return Math.Log(1 + ((DocumentCount - df + 0.5) / (df + 0.5)));
    }
}
