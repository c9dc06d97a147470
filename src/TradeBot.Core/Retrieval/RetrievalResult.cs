namespace TradeBot.Core.Retrieval;

/// <summary>The passages found, best first, and the weighted terms they were scored on (question terms, then context terms).</summary>
public sealed record RetrievalResult(IReadOnlyList<QueryTerm> Terms, IReadOnlyList<RetrievedPassage> Passages)
{
    public static RetrievalResult Empty(IReadOnlyList<QueryTerm> terms) => new(terms, []);
}
