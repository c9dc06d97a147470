using System.Text.RegularExpressions;
using TradeBot.Core.Stores;
using TradeBot.Core.Text;
using TradeBot.Core.Text.Lexicon;

namespace TradeBot.Core.Retrieval;

/// <summary>
/// Turns a question into weighted search terms: drops interrogative and framing words ("what", "does", "problem",
/// "position"), corrects misspellings to the nearest corpus term, weighs each term by IDF, and marks capitalised
/// words as names.
/// </summary>
public static partial class QuestionAnalyzer
{
    private const int MinCorrectableName = 6;

    // Words that frame a question rather than say what it is about. Generic English, not tuned to any corpus.
    private static readonly HashSet<string> s_frameWords = new(
        TextAnalyzer.Terms("""
            what which who whom whose when where why how whether do does did doing done has have had having is are was were be been
            being am can could would should may might must shall will i me my you your we our us they them their he she him her his its it
            also about from over into onto up out off tell know say said says think thought mean means meant happen happened happening problem problems issue issues
            position positions role roles thing things kind sort way ways anything something any some much many more most latest news
            according explain describe give list please there here now currently still really just so then than very
            """).Where(t => t != "us"),
        StringComparer.Ordinal);

    private static readonly HashSet<string> s_questionStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "do", "does", "did", "is", "are", "was", "were",
        "has", "have", "had", "can", "could", "would", "should", "will", "and", "but", "so", "tell", "please", "give", "list",
    };

    public static IReadOnlyList<QueryTerm> Analyze(string question, TermStatistics statistics, bool useLexicon = true)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(statistics);
        var names = NameTerms(question);
        var acronyms = TextAnalyzer.Word().Matches(question).Where(m => IsAcronym(m.Value)).SelectMany(m => TextAnalyzer.Terms(m.Value)).ToHashSet(StringComparer.Ordinal);
        var calendarTerms = TextAnalyzer.Word().Matches(question).Where(m => DateConstraint.IsCalendarWord(m.Value))
            .SelectMany(m => TextAnalyzer.Terms(m.Value)).ToHashSet(StringComparer.Ordinal);
        question = HowDegree().Replace(question, "how");
        var sourceWords = useLexicon ? SourceWords(question) : [];
        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in TextAnalyzer.Terms(question))
        {
            if (s_frameWords.Contains(raw) || !seen.Add(raw) || calendarTerms.Contains(raw))
            {
                continue;
            }
            var term = raw;
            string? correctedFrom = null;
            var isName = names.Contains(raw);
            var isKnownWord = sourceWords.TryGetValue(raw, out var sourceWord) && WordNetLexicon.Knows(sourceWord);
            // An acronym or a short name the articles never use is not a misspelling of another one ("NAFTA" is not
            // "NATO"); a long name may be misspelt ("Phillipines").
            if (statistics.DocumentFrequency(raw) == 0 && !isKnownWord && (!isName || IsCorrectableName(raw, acronyms))
                && SpellingCorrector.Correct(raw, statistics) is { } corrected)
            {
                (term, correctedFrom) = (corrected, raw);
            }
            var related = sourceWord is not null ? WordNetLexicon.Related(sourceWord) : RelatedWords.None;
            var strong = Stems(isName && sourceWord is not null ? [.. related.Strong, .. NameAliases.For(sourceWord)] : related.Strong, term);
            // A long name that one article alone uses may be that article's misspelling, as the question's may be:
            // the common spelling counts too.
            if (isName && correctedFrom is null && IsCorrectableName(raw, acronyms) && statistics.DocumentFrequency(raw) == 1
                && SpellingCorrector.Correct(raw, statistics) is { } common)
            {
                strong = [.. strong, common];
            }
            var weak = Stems(related.Weak, term);
            var weight = Weight(statistics, term);
            if (statistics.DocumentFrequency(term) == 0 && !isName)
            {
                // A word the articles never use may just be phrased differently there: it counts, but half.
                weight /= 2;
            }
            terms.Add(new QueryTerm(term, weight, isName, correctedFrom) { Strong = strong, Weak = weak, IsKnownWord = isKnownWord });
        }
        return terms;
    }

    /// <summary>
    /// The square root of IDF: rare words still count for more, but one rare word (a verb the articles happen to use
    /// once) does not outweigh all the others.
    /// </summary>
    private static double Weight(TermStatistics statistics, string term) => Math.Sqrt(statistics.Idf(term));

    /// <summary>The analysed forms of the words related to the word of a text that analyses to a term ("labourers": "work", "toil"…).</summary>
    public static IReadOnlyList<string> RelatedTerms(string text, string term)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(term);
        if (!SourceWords(text).TryGetValue(term, out var word))
        {
            return [];
        }
        var related = WordNetLexicon.Related(word);
        return Stems([.. related.Strong, .. related.Weak], term);
    }

    /// <summary>The word of the question each analysed term comes from, for looking up related words.</summary>
    private static Dictionary<string, string> SourceWords(string question)
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match word in TextAnalyzer.Word().Matches(question))
        {
            if (TextAnalyzer.Terms(word.Value) is [var term])
            {
                // "Europe's" is looked up as "Europe", "Philippines'" as "Philippines".
                words.TryAdd(term, Possessive().Replace(word.Value, ""));
            }
        }
        return words;
    }

    private static string[] Stems(IReadOnlyList<string> words, string term) =>
        words.SelectMany(TextAnalyzer.Terms).Where(s => s != term && !s_frameWords.Contains(s)).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Analysed terms of the capitalised words that are not the question's opening word.</summary>
    private static HashSet<string> NameTerms(string question)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var words = TextAnalyzer.Word().Matches(question).Select(m => m.Value).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            // The first word is capitalised because it starts the question; month and weekday names are dates; an
            // acronym in the plural ("MPs", "CEOs") is a kind of people or things, not one that a name picks out.
            if (!char.IsUpper(word[0]) || (i == 0 && (s_questionStarts.Contains(word) || !IsAcronym(word))) || DateConstraint.IsCalendarWord(word)
                || PluralAcronym().IsMatch(word))
            {
                continue;
            }
            foreach (var term in TextAnalyzer.Terms(word))
            {
                if (!s_frameWords.Contains(term))
                {
                    names.Add(term);
                }
            }
        }
        return names;
    }

    private static bool IsCorrectableName(string term, HashSet<string> acronyms) => term.Length >= MinCorrectableName && !acronyms.Contains(term);

    private static bool IsAcronym(string word) => word.Length > 1 && word.Count(char.IsUpper) >= 2;

    [GeneratedRegex(@"^\p{Lu}{2,}s$", RegexOptions.CultureInvariant)]
    private static partial Regex PluralAcronym();

    /// <summary>"How high", "how much", "how long": the word after "how" asks for a degree; it is not a topic.</summary>
    [GeneratedRegex(@"\bhow\s+\w+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowDegree();

    [GeneratedRegex(@"['’]s?$")]
    private static partial Regex Possessive();
}
