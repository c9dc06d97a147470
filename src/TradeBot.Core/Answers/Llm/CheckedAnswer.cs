namespace TradeBot.Core.Answers.Llm;

/// <summary>The model's answer after the check: its text with only valid markers, the citations, and how many markers were removed.</summary>
internal sealed record CheckedAnswer(string Text, IReadOnlyList<Citation> Citations, int RemovedMarkers)
{
    public bool IsCited => Citations.Count > 0;
}
