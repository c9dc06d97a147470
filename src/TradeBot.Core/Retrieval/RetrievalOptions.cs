namespace TradeBot.Core.Retrieval;

public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>The share of the question's weight a passage must cover to count as relevant; below it, nothing is retrieved.</summary>
    public double RelevanceFloor { get; set; } = 0.5;

    /// <summary>Candidates taken from hybrid search before re-scoring.</summary>
    public int Candidates { get; set; } = 30;

    /// <summary>At most this many passages of one article, so that answers draw on several articles.</summary>
    public int MaxPassagesPerArticle { get; set; } = 2;

    /// <summary>The weight of earlier questions' terms in a follow-up, relative to the question's own.</summary>
    public double ContextWeight { get; set; } = 0.5;

    /// <summary>Whether related words from WordNet (synonyms, "Beijing" for China) count towards a question's terms.</summary>
    public bool UseLexicon { get; set; } = true;
}
