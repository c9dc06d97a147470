using System.Text.RegularExpressions;

namespace TradeBot.Core.Text;

/// <summary>A span of a text that holds one sentence; <see cref="Text"/> is exactly <c>source[Start..(Start+Length)]</c>.</summary>
public readonly record struct Sentence(int Start, int Length, string Text);

/// <summary>
/// Rule-based English sentence segmentation for news text: splits after . ! ? (and closing quotes) followed by a
/// capital letter, digit or opening quote, and at paragraph breaks; keeps abbreviations such as "U.S.", "Mr." and
/// initials together.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> s_abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "st", "jr", "sr", "inc", "corp",
        "ltd", "co", "bros", "vs", "etc", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est", "fig", "pres", "rev",
    };

    private static readonly System.Buffers.SearchValues<char> s_punctuationOnly = System.Buffers.SearchValues.Create(" -–—*#>\"'“”‘’");

    public static IReadOnlyList<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>();
        var start = 0;
        foreach (Match boundary in BoundaryPattern().Matches(text))
        {
            var end = boundary.Index + boundary.Groups["end"].Length;
            var paragraphBreak = boundary.Groups["para"].Success || boundary.ValueSpan.Count('\n') >= 2;
            if (paragraphBreak || !IsAbbreviationBefore(text, boundary.Index))
            {
                Add(text, start, end, sentences);
                start = boundary.Index + boundary.Length;
            }
        }
        Add(text, start, text.Length, sentences);
        return sentences;
    }

    private static void Add(string text, int start, int end, List<Sentence> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start && text.AsSpan(start, end - start).ContainsAnyExcept(s_punctuationOnly))
        {
            sentences.Add(new Sentence(start, end - start, text[start..end]));
        }
    }

    private static bool IsAbbreviationBefore(string text, int index)
    {
        // index points at the terminal punctuation; look at the word that ends there.
        if (text[index] != '.')
        {
            return false;
        }
        var wordStart = index;
        while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"' or '“'))
        {
            wordStart--;
        }
        var word = text.AsSpan(wordStart, index - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial, as in "John F. Kennedy"
        }
        if (word.Contains('.') && DottedAbbreviation().IsMatch(word))
        {
            return true; // U.S, U.K, e.g
        }
        return s_abbreviations.Contains(word.ToString());
    }

    // A sentence end: terminal punctuation, optional closing quotes/brackets, whitespace, then a likely sentence
    // start. Or a paragraph break.
    [GeneratedRegex(@"(?<end>[.!?]+[""'”’)\]]*)(?=\s+[""'“‘(]?[\p{Lu}\d])\s+|(?<para>\n[ \t]*\n)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"^(\p{L}\.)+\p{L}$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedAbbreviation();
}
