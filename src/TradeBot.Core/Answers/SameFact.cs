using System.Text.RegularExpressions;

namespace TradeBot.Core.Answers;

/// <summary>
/// Whether two sentences from different articles state the same fact: they share most of the shorter one's content
/// terms, and any figures they give agree.
/// </summary>
internal static partial class SameFact
{
    private const double Overlap = 0.4;
    private const double SameStoryOverlap = 0.3;

    public static bool Holds(CandidateSentence a, CandidateSentence b)
    {
        var shared = a.Terms.Intersect(b.Terms).Count();
        var overlap = shared / (double)Math.Max(1, Math.Min(a.Terms.Count, b.Terms.Count));
        var needed = a.Passage.StoryId == b.Passage.StoryId ? SameStoryOverlap : Overlap;
        if (overlap < needed)
        {
            return false;
        }
        var figuresA = Figures(a.Text);
        var figuresB = Figures(b.Text);
        return figuresA.Count == 0 && figuresB.Count == 0 || figuresA.Overlaps(figuresB);
    }

    private static HashSet<string> Figures(string text) =>
        Figure().Matches(text).Select(m => m.Value.Replace(",", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\d[\d,]*(\.\d+)?")]
    private static partial Regex Figure();
}
