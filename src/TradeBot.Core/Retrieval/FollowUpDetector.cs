using System.Text.RegularExpressions;

namespace TradeBot.Core.Retrieval;

/// <summary>Tells a follow-up ("And what did China do?", "Is that also true?") from a question that stands alone.</summary>
public static partial class FollowUpDetector
{
    private const int FewTerms = 2;

    public static bool IsFollowUp(string question, int contentTermCount) =>
        contentTermCount <= FewTerms || FollowUpCue().IsMatch(question);

    [GeneratedRegex(@"^\s*(and|but|so|also|what about|how about|then)\b|\b(it|its|they|them|their|that|this|those|these|he|she|him|her|his|also|too|else|then)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FollowUpCue();
}
