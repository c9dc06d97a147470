using System.Text.RegularExpressions;

namespace TradeBot.Core.Answers;

/// <summary>
/// What a question asks for, read from its wording: a figure (a percentage, or any amount), a reason, a time, a
/// place, items of a kind ("which goods"), or how a vote went ("99 to 0"). A question may ask for several ("when and where"). A sentence that
/// gives what is asked answers better than one that only repeats the question's words.
/// </summary>
internal sealed partial record AnswerKinds(Regex? Figure, bool Reason, bool Time, bool Place, bool Items, bool Vote)
{
    public static AnswerKinds Of(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        // "Which countries lost duty-free benefits?" asks for countries; "What share of exports…" for a figure.
        var (asksFigure, asksItems) = (AsksForFigure().Match(question), AsksForItems().Match(question));
        var itemsFirst = asksItems.Success && asksFigure.Groups["noun"] is { Success: true } figureNoun && asksItems.Groups["noun"].Index < figureNoun.Index;
        var figure = !asksFigure.Success || itemsFirst ? null
            : AsksForExchangeRate().IsMatch(question) ? ExchangeRate()
            : AsksForPercentage().IsMatch(question) ? Percentage()
            : AsksForCount().IsMatch(question) ? Things()
            : Amount();
        return new AnswerKinds(
            figure,
            AsksForReason().IsMatch(question),
            AsksForTime().IsMatch(question),
            AsksForPlace().IsMatch(question),
            figure is null && asksItems.Success,
            AsksForVote().IsMatch(question));
    }

    /// <summary>The word a count question counts: "jobs" in "How many jobs is the firm cutting?"; null for another question.</summary>
    public static string? CountedWord(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return CountedThing().Match(question) is { Success: true } match ? match.Groups["thing"].Value : null;
    }

    /// <summary>The words that may say what a text's numbers count: the three after each ("5,000 jobs", "48 of its plants").</summary>
    public static IEnumerable<string> CountedWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NumberAndNextWords().Matches(text).SelectMany(m => m.Groups["word"].Captures.Select(c => c.Value));
    }

    public int Count => (Figure is null ? 0 : 1) + (Reason ? 1 : 0) + (Time ? 1 : 0) + (Place ? 1 : 0) + (Items ? 1 : 0) + (Vote ? 1 : 0);

    /// <summary>How many of the asked kinds a text gives; <paramref name="question"/> keeps its own names from counting as places.</summary>
    public int GivenBy(string text, string question)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(question);
        var given = 0;
        given += Figure?.IsMatch(text) == true ? 1 : 0;
        given += Reason && ReasonCue().IsMatch(text) ? 1 : 0;
        given += Time && TimeCue().IsMatch(text) ? 1 : 0;
        given += Place && PlaceCue().Matches(text).Any(m => !question.Contains(m.Groups["place"].Value, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
        given += Vote && Tally().IsMatch(text) ? 1 : 0;
        given += Items && (ItemsCue().IsMatch(text) || ProperName().Matches(text).Any(m => !question.Contains(m.Value, StringComparison.OrdinalIgnoreCase))) ? 1 : 0;
        return given;
    }

    /// <summary>An amount: a number with its unit or currency, or a plain number that is neither a year nor a day of a month.</summary>
    [GeneratedRegex(@"[$€£¥]\d+(,\d{3})*(\.\d+)?(\s?(billion|million|trillion|bln|mln))?|\d+(,\d{3})*(\.\d+)?\s?(%|percent|per cent|pct|billion|million|trillion|bln|mln|dollars?|dlrs|yen|tonnes?|tons?)|(?<!\b(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)\p{L}*\.?\s)\b(?!(19|20)\d{2}\b)\d+(,\d{3})*(\.\d+)?\b(?!\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Amount();

    [GeneratedRegex(@"\d+(\.\d+)?\s?(%|percent\b|per cent\b|pct\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Percentage();

    /// <summary>A count of things: a number followed, within a few words, by a plural noun ("30 obstacles", "37 of the poorest countries").</summary>
    [GeneratedRegex(@"(?<!\b(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)\p{L}*\.?\s)\b\d+(,\d{3})*(?=\s+(?:[\p{L}'’-]+\s+){0,2}?\p{Ll}{3,}s\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Things();

    [GeneratedRegex(@"\bhow\s+many\b|\b(what|which)\s+number\s+of\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForCount();

    [GeneratedRegex(@"\bhow\s+many\s+(?<thing>\p{L}+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountedThing();

    [GeneratedRegex(@"\b\d+(,\d{3})*(\.\d+)?(\s+(?<word>[\p{L}'’-]+)){1,3}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberAndNextWords();

    [GeneratedRegex(@"\b(what|which)\s+((is|was|are|were|will\s+be)\s+)?([\p{L}.'’-]+\s+){0,3}?(?<noun>percentage|percent|rate|level|amount|number|figure|tariffs?|dut(y|ies)|price|value|sum|share|slice|proportion|portion|size|cap|quota|growth|deficit|surplus|balance)\b|\bhow\s+(much|many|high|large|big|low|steep|far|fast|deep|long)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForFigure();

    [GeneratedRegex(@"\b(percentage|percent|rate|share|slice|proportion|portion|growth)\b|\bhow\s+(fast|far)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPercentage();

    /// <summary>A currency's price in another ("what yen rate", "at what exchange rate"): not a percentage.</summary>
    [GeneratedRegex(@"\b(exchange|currency|yen|dollar|euro|sterling|pound|mark|franc|won|yuan|rupee|peso|lira|guilder|krona|rouble|ruble)\s+rate\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForExchangeRate();

    /// <summary>An exchange rate as news gives it: "35 to one U.S. dollar", "170 yen", "1.80 marks".</summary>
    [GeneratedRegex(@"\b\d+(\.\d+)?\s*(to\s+(one|the|a|1)\b|(yen|dollars?|dlrs|marks?|francs?|pounds?|won|yuan|rupees?|pesos?|guilders?|lire|euros?)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExchangeRate();

    [GeneratedRegex(@"^\W*why\b|\b(reasons?|caused?|blamed?|because)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForReason();

    [GeneratedRegex(@"^\W*when\b|\b(until|till|by|since)\s+when\b|\bwhen\s+and\b|\band\s+when\b|\b(what|which)\s+(date|day|time|month|year|deadline)\b|\bhow\s+long\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForTime();

    [GeneratedRegex(@"^\W*where\b|\bwhere\s+and\b|\band\s+where\b|\b(what|which)\s+(city|country|place|venue)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPlace();

    [GeneratedRegex(@"^\W*(which|what)\s+(\w+\s+){0,2}(?<noun>goods|products|items|companies|firms|countries|commodities|sectors|measures|steps|exports|imports|sanctions|concessions|demands|terms|conditions|options|proposals|changes|curbs|restrictions)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForItems();

    [GeneratedRegex(@"\bhow\s+did\b.*\bvote\b|\b(what|which)\s+(was\s+)?the\s+(vote|tally)\b|\bby\s+how\s+many\s+votes\b|\bhow\s+many\s+(voted|votes)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForVote();

    /// <summary>A vote's count: "by 99 to 0", "voted 52-48", "with 230 votes".</summary>
    [GeneratedRegex(@"\b\d{1,4}\s*(to|-|–|against)\s*\d{1,4}\b|\b\d{1,4}\s+votes\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tally();

    /// <summary>The words that give a reason.</summary>
    [GeneratedRegex(@"\b(because|due to|owing to|as a result|result of|blamed|attributed|reflect(s|ed|ing)?|caused|citing|in order to|aimed at|to protect|to curb|to reduce|to offset|after|following|fears?|concern(s|ed)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReasonCue();

    [GeneratedRegex(@"\b(Jan(uary)?|Feb(ruary)?|March|Apr(il)?|May|June?|July?|Aug(ust)?|Sept?(ember)?|Oct(ober)?|Nov(ember)?|Dec(ember)?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tomorrow|yesterday|next (week|month|year))\b", RegexOptions.CultureInvariant)]
    private static partial Regex TimeCue();

    /// <summary>A name of two or more capitalised words, as companies and bodies are called ("State Trading Corp").</summary>
    [GeneratedRegex(@"(?<=\p{Ll}[\s,]+(the\s+)?)\p{Lu}\p{Ll}+(\s+(and|of|for)?\s*\p{Lu}\p{L}+)+", RegexOptions.CultureInvariant)]
    private static partial Regex ProperName();

    [GeneratedRegex(@"\b(in|at)\s+(?<place>\p{Lu}\p{Ll}+)", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceCue();

    [GeneratedRegex(@"\b(includ(e|es|ed|ing)|such as|namely|among them|ranging from)\b|:\s|\w+, \w+(,| and| or) \w+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ItemsCue();
}
