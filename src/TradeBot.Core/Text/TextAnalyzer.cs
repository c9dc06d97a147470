using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace TradeBot.Core.Text;

/// <summary>
/// The one text analysis used for keyword search everywhere (the embedded store's BM25 and Qdrant's sparse vectors):
/// Lucene's English analyzer (standard tokenizer, lower case, possessives, English stop words, Porter stemming),
/// with dotted abbreviations folded ("U.S." becomes "us") and the long names of the usual abbreviated unions
/// ("United States", "European Union") folded into their abbreviations, as news text uses both, and "%" read as
/// "percent".
/// </summary>
public static partial class TextAnalyzer
{
    private static readonly Analyzer s_analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    public static IReadOnlyList<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        text = LongName().Replace(text, m => Abbreviation(m.Value)).Replace("%", " percent ", StringComparison.Ordinal);
        // "U.S." and "US" are one word; with its dots the stemmer would make it "u".
        text = DottedAbbreviation().Replace(text, m => m.Value.Replace(".", string.Empty, StringComparison.Ordinal));
        using var stream = s_analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (value.Contains('.', StringComparison.Ordinal))
            {
                value = value.Replace(".", string.Empty, StringComparison.Ordinal);
            }
            if (value == "usa")
            {
                value = "us";
            }
            if (value.Length > 0)
            {
                terms.Add(value);
            }
        }
        stream.End();
        return terms;
    }

    /// <summary>
    /// The pairs of terms whose words stand side by side in a text, no stop word between them: "insurance companies"
    /// in "investment in insurance companies", but not "investment insurance".
    /// </summary>
    public static IReadOnlySet<(string First, string Second)> AdjacentTerms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byWord = Word().Matches(text).Select(m => Terms(m.Value) is [var term] ? term : null).ToList();
        return byWord.Zip(byWord.Skip(1)).Where(p => p.First is not null && p.Second is not null).Select(p => (p.First!, p.Second!)).ToHashSet();
    }

    private static string Abbreviation(string longName) =>
        longName.StartsWith("European", StringComparison.Ordinal) ? "EU"
        : longName == "States" ? "US"
        : longName.EndsWith("Kingdom", StringComparison.Ordinal) ? "UK"
        : "US";

    /// <summary>A word as questions and texts are split into them: letters and digits, with inner dots, apostrophes and hyphens.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}.'’-]*")]
    internal static partial Regex Word();

    [GeneratedRegex(@"\b(?:\p{L}\.){2,}(?!\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex DottedAbbreviation();

    [GeneratedRegex(@"\bUnited\s+(States(\s+of\s+America)?|Kingdom)\b|\bEuropean\s+Union\b|(?<=\bthe\s)States\b", RegexOptions.CultureInvariant)]
    private static partial Regex LongName();
}
