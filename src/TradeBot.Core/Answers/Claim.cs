using TradeBot.Core.Stores;

namespace TradeBot.Core.Answers;

/// <summary>A sentence of a passage that may go into an answer, with what it covers of the question.</summary>
internal sealed record CandidateSentence(PassageRecord Passage, string Text, IReadOnlySet<string> Terms, double Score);

/// <summary>One claim of an answer: a sentence, and the same fact as told by other articles.</summary>
internal sealed class Claim(CandidateSentence lead)
{
    public CandidateSentence Lead { get; } = lead;

    public List<CandidateSentence> Support { get; } = [lead];
}
