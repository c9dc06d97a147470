namespace TradeBot.Core.Retrieval;

/// <summary>The passages found, best first, and the weighted terms they were scored on (question terms, then context terms).</summary>
public sealed record RetrievalResult(IReadOnlyList<QueryTerm> Terms, IReadOnlyList<RetrievedPassage> Passages)
{
    /// <summary>Every candidate, best first, before the refusal checks and the cap per article: what recall is measured on.</summary>
    public IReadOnlyList<RetrievedPassage> Ranked { get; init; } = [];

    /// <summary>The time the question asks about, when it names one: answers must not speak of another.</summary>
    public DateConstraint? Date { get; init; }

    /// <summary>
    /// The best passages that speak of the question's names at another time than it asks about, dropped by the date:
    /// when the best evidence for what is asked is among them, the articles answer for another time, not this one.
    /// </summary>
    public IReadOnlyList<RetrievedPassage> AtOtherTimes { get; init; } = [];

    /// <summary>Why no passage was returned, when a check declined the question.</summary>
    public string? DeclineReason { get; init; }

    public static RetrievalResult Empty(IReadOnlyList<QueryTerm> terms) => new(terms, []);
}
