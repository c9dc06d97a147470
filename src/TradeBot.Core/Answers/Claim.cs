using TradeBot.Core.Stores;

namespace TradeBot.Core.Answers;

/// <summary>
/// A sentence of a passage that may go into an answer, with what it covers of the question; one that speaks of another
/// time than the question asks about is never quoted, but tells whether the best evidence is of that other time.
/// </summary>
internal sealed record CandidateSentence(PassageRecord Passage, string Text, IReadOnlySet<string> Terms, double Score)
{
    public bool AtAnotherTime { get; init; }

    /// <summary>
    /// Whether the sentence says the question's phrase of another thing ("telecoms companies" for "insurance companies"),
    /// or tells of a deed its passage says another did ("a ban imposed by labor unions" for the government's sanctions).
    /// </summary>
    public bool OfAnotherThing { get; init; }
}

/// <summary>One claim of an answer: a sentence, and the same fact as told by other articles.</summary>
internal sealed class Claim(CandidateSentence lead)
{
    public CandidateSentence Lead { get; } = lead;

    public List<CandidateSentence> Support { get; } = [lead];
}
