using System.Text.RegularExpressions;

namespace TradeBot.Core.Answers;

/// <summary>
/// Whether two sentences from different articles state the same fact: they share most of the content terms of the
/// longer one too (a sentence that says more is not the same fact), and the figures they give agree.
/// </summary>
internal static partial class SameFact
{
    private const double Overlap = 0.6;

    public static bool Holds(CandidateSentence a, CandidateSentence b)
    {
        var shared = a.Terms.Intersect(b.Terms).Count();
        var overlap = shared / (double)Math.Max(1, Math.Max(a.Terms.Count, b.Terms.Count));
        if (overlap < Overlap)
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
