using System.Text.RegularExpressions;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Text;
using TradeBot.Core.Text.Lexicon;

namespace TradeBot.Core.Answers;

/// <summary>The figures of a sentence that answer a question asking for one, and how two of them are told to be the same.</summary>
internal static partial class AnswerFigures
{
    /// <summary>
    /// The figure of a sentence that answers: the first that the question does not already give ("100% debt relief"),
    /// or of several, the first that is about a country the question names. A figure is about the country named nearest
    /// it, with no other figure between them: "exports to the EC jumped 30 pct compared to a drop of 17 pct in U.S.
    /// sales" gives 17 pct for the US.
    /// </summary>
    public static Match? Answering(Regex figure, string sentence, string question, IReadOnlyList<QueryTerm> names)
    {
        var figures = figure.Matches(sentence).Where(m => Value(m.Value) is var value
            && (value.Length == 0 || !question.Contains(value.TrimEnd('%'), StringComparison.Ordinal))).ToList();
        if (figures.Count < 2 || names.Count == 0)
        {
            return figures.FirstOrDefault();
        }
        var countries = CountriesNamed(sentence);
        bool AboutAskedCountry(Match answer)
        {
            bool FigureBetween(CountryMention country) => figures.Exists(other => other != answer
                && other.Index > Math.Min(country.Index, answer.Index) && other.Index < Math.Max(country.Index, answer.Index));
            var nearest = countries.Where(c => !FigureBetween(c)).MinBy(c => Math.Abs(c.Index - answer.Index));
            return nearest is not null && names.Any(n => nearest.Terms.Any(n.Matches));
        }
        return figures.Find(AboutAskedCountry) ?? figures[0];
    }

    /// <summary>Where a text names a country (or its people, or its seat of government), with the analysed terms of all its names.</summary>
    private sealed record CountryMention(int Index, IReadOnlyList<string> Terms);

    private static List<CountryMention> CountriesNamed(string text) =>
        [.. CapitalisedWord().Matches(text)
            .Select(m => (m.Index, Name: m.Value.Replace(".", string.Empty, StringComparison.Ordinal).ToLowerInvariant()))
            .Where(w => NameAliases.For(w.Name).Count > 0)
            .Select(w => new CountryMention(w.Index, [.. NameAliases.For(w.Name).Prepend(w.Name).SelectMany(TextAnalyzer.Terms)]))];

    /// <summary>A figure without its spelling: "145%", "145 percent" and "145 pct" are one value.</summary>
    public static string Value(string figureText)
    {
        var number = new string([.. figureText.Where(c => char.IsDigit(c) || c == '.')]).TrimEnd('.');
        var unit = AnswerKinds.Percentage().IsMatch(figureText) ? "%" : string.Empty;
        return number + unit;
    }

    /// <summary>A capitalised word, "U.S." and "EC" included.</summary>
    [GeneratedRegex(@"\b\p{Lu}[\p{L}.]*", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedWord();
}
