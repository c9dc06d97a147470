using TradeBot.Core.Stores;

namespace TradeBot.Core.Retrieval;

/// <summary>
/// A passage found for a question: how much of the question it covers (0–1, IDF-weighted), its fused rank score, its
/// semantic similarity to the question (cosine of the two vectors), whether it names everything the question names,
/// and the score it is ranked by.
/// </summary>
public sealed record RetrievedPassage(PassageRecord Passage, double Coverage, double FusedScore)
{
    public double Similarity { get; init; }

    public bool HasAllNames { get; init; } = true;

    public double Score { get; init; } = Coverage;
}
