namespace TradeBot.Core.Retrieval;

public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>A passage is kept when it covers at least this share of what the best candidate covers.</summary>
    public double RelevanceFloor { get; set; } = 0.5;

    /// <summary>The share of the question's weight the best passage must cover; below it, TradeBot declines.</summary>
    public double MinCoverage { get; set; } = 0.4;

    /// <summary>
    /// The semantic similarity (cosine) the best passage must reach; below it, TradeBot declines. Empty for the
    /// embedder's own floor (measured per model: none for the lexical built-in embedder).
    /// </summary>
    public double? MinSimilarity { get; set; }

    /// <summary>How much semantic similarity counts in the ranking, against coverage (0–1).</summary>
    public double SimilarityWeight { get; set; } = 1.0;

    /// <summary>Candidates taken from hybrid search before re-scoring.</summary>
    public int Candidates { get; set; } = 40;

    /// <summary>At most this many passages of one article, so that answers draw on several articles.</summary>
    public int MaxPassagesPerArticle { get; set; } = 2;

    /// <summary>The weight of earlier questions' terms in a follow-up, relative to the question's own.</summary>
    public double ContextWeight { get; set; } = 0.5;

    /// <summary>Whether related words from WordNet (synonyms, "Beijing" for China) count towards a question's terms.</summary>
    public bool UseLexicon { get; set; } = true;
}
