namespace TradeBot.Core.Evaluation;

/// <summary>What one case came to: the judge's verdict on the last answer, and where retrieval ranked the gold articles.</summary>
/// <param name="Failure">Why the case failed; null when it passed.</param>
/// <param name="RecallMeasured">True when the case has gold articles and is not a refuse case, so it counts in recall@k.</param>
/// <param name="GoldRank">The 1-based position of the first gold article among the distinct articles retrieved for the last
/// turn, best first; null when no gold article was retrieved or recall is not measured.</param>
internal sealed record EvalCaseResult(
    string Id,
    string Question,
    bool MultiTurn,
    bool Refuse,
    bool Answered,
    string AnswerText,
    string? Failure,
    bool RecallMeasured,
    int? GoldRank,
    IReadOnlyList<EvalTurn> Turns)
{
    public bool Passed => Failure is null;

    /// <summary>True when a gold article is among the first <paramref name="k"/> distinct articles retrieved.</summary>
    public bool HitAt(int k) => GoldRank is { } rank && rank <= k;
}
