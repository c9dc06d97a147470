using System.Text;
using System.Text.RegularExpressions;
using TradeBot.Core.Stores;
using TradeBot.Core.Text;

namespace TradeBot.Core.Answers.Llm;

/// <summary>
/// Checks the model's <c>[n]</c> markers against the sources it was given: a marker for a source not given is
/// removed, and every source still cited becomes a <see cref="Citation"/> whose quote is the sentence of that article
/// that best matches the claim citing it, so that the quote really stands in the article.
/// </summary>
internal static partial class CitationChecker
{
    private const int MaxQuotesPerSource = 2;

    public static CheckedAnswer Check(string modelText, IReadOnlyList<NumberedSource> sources)
    {
        ArgumentNullException.ThrowIfNull(modelText);
        ArgumentNullException.ThrowIfNull(sources);
        var removed = 0;
        var text = Marker().Replace(modelText.Trim(), match =>
        {
            var numbers = Numbers(match.Groups["numbers"].Value);
            var valid = numbers.Where(n => n >= 1 && n <= sources.Count).Distinct().ToList();
            removed += numbers.Count - valid.Count;
            return valid.Count == 0 ? string.Empty : match.Groups["space"].Value + string.Concat(valid.Select(n => $"[{n}]"));
        });

        var claims = new Dictionary<int, List<string>>();
        var previous = string.Empty;
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var withoutMarkers = Marker().Replace(sentence.Text, string.Empty).Trim();
            var claim = withoutMarkers.Length > 0 && withoutMarkers.Any(char.IsLetterOrDigit) ? withoutMarkers : previous;
            foreach (Match marker in Marker().Matches(sentence.Text))
            {
                foreach (var n in Numbers(marker.Groups["numbers"].Value))
                {
                    (claims.TryGetValue(n, out var list) ? list : claims[n] = []).Add(claim);
                }
            }
            previous = claim;
        }

        var citations = claims.Keys.Order()
            .Select(n => Cite(sources[n - 1], claims[n]))
            .ToList();
        return new CheckedAnswer(text, citations, removed);
    }

    private static Citation Cite(NumberedSource source, List<string> claims)
    {
        var first = source.First;
        var sentences = source.Passages
            .SelectMany(p => SentenceSplitter.Split(p.Text).Select(s => s.Text))
            .Distinct(StringComparer.Ordinal)
            .Select(s => (Text: s, Terms: TextAnalyzer.Terms(s).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var quotes = new List<string>();
        foreach (var claim in claims)
        {
            var claimTerms = TextAnalyzer.Terms(claim).Distinct(StringComparer.Ordinal).ToList();
            var best = sentences
                .Select((s, i) => (s.Text, Score: claimTerms.Count(s.Terms.Contains), Index: i))
                .Where(s => s.Score > 0)
                .OrderByDescending(s => s.Score).ThenBy(s => s.Index)
                .FirstOrDefault();
            if (best.Text is not null && !quotes.Contains(best.Text) && quotes.Count < MaxQuotesPerSource)
            {
                quotes.Add(best.Text);
            }
        }
        if (quotes.Count == 0 && sentences.Count > 0)
        {
            quotes.Add(sentences[0].Text);
        }
        return new Citation(source.Number, first.ArticleId, first.Title, first.Source, first.Published, first.Url, string.Join(" … ", quotes));
    }

    private static List<int> Numbers(string numbers) =>
        numbers.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, out var value) ? value : -1)
            .ToList();

    [GeneratedRegex(@"(?<space>[ \t]*)\[(?<numbers>\s*\d{1,4}\s*(?:[,;]\s*\d{1,4}\s*)*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
