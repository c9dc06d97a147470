namespace TradeBot.Core.Retrieval;

/// <summary>
/// An analysed question term with the weight it carries (its IDF), whether it names something (a capitalised word:
/// the answer must speak of it), the corpus term a misspelling was corrected from, and the analysed forms of related
/// words that also count, less (strong: synonyms and the like; weak: broader and narrower words).
/// </summary>
public sealed record QueryTerm(string Term, double Weight, bool IsName, string? CorrectedFrom = null)
{
    public const double StrongFactor = 0.8;
    public const double WeakFactor = 0.5;

    public IReadOnlyList<string> Strong { get; init; } = [];

    public IReadOnlyList<string> Weak { get; init; } = [];

    /// <summary>Whether the question's word is an English word (WordNet knows it), even if no article uses it.</summary>
    public bool IsKnownWord { get; init; }

    /// <summary>A term of an earlier question, borrowed to understand a follow-up.</summary>
    public bool IsContext { get; init; }

    /// <summary>Whether one analysed word is this term or a strongly related one (a synonym, an alias).</summary>
    public bool Matches(string word) => MatchIn(new HashSet<string>(StringComparer.Ordinal) { word }) >= StrongFactor;

    /// <summary>How much of this term a text covers: 1 for the term itself, less for a related word, 0 for none.</summary>
    public double MatchIn(IReadOnlySet<string> textTerms) =>
        TermMatcher.Contains(textTerms, Term) ? 1
        : Strong.Any(s => TermMatcher.Contains(textTerms, s)) ? StrongFactor
        : Weak.Any(textTerms.Contains) ? WeakFactor
        : 0;
}
