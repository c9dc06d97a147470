namespace TradeBot.Core.Answers;

/// <summary>
/// An answer in Markdown whose claims carry <c>[n]</c> markers that refer to <see cref="Citations"/>.
/// When <see cref="Answered"/> is false the text says the articles do not cover the question and nothing is cited.
/// </summary>
public sealed record Answer(
    string Question,
    bool Answered,
    string Text,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<string> SuggestedQuestions)
{
    public static Answer NotCovered(string question, string text) => new(question, false, text, [], []);
}
