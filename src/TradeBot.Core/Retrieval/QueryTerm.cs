namespace TradeBot.Core.Retrieval;

/// <summary>
/// An analysed question term with the weight it carries (its IDF), whether it names something (a capitalised word:
/// the answer must speak of it) and, for a misspelling, the corpus term it was corrected to.
/// </summary>
public sealed record QueryTerm(string Term, double Weight, bool IsName, string? CorrectedFrom = null);
