using System.Globalization;
using System.Text.RegularExpressions;
using TradeBot.Core.Text;

namespace TradeBot.Core.Retrieval;

/// <summary>
/// The time a question asks about when it names one ("in October 1987", "during 2005"), and the words that said it.
/// A month is when the articles were written or the month they report on (a month's figures are published weeks
/// later); a year is what a fact is about ("exports grew in 1986", written in 1987), so it is matched in the text.
/// "Today" and "this week" are relative (<see cref="IsRelative"/>): days ending on the reference day (the newest article
/// date held, or the clock's date when feeds are subscribed), matched on the publication date alone; "the latest" keeps
/// every time but puts the newest passages first (<see cref="NewestFirst"/>).
/// </summary>
public sealed partial record DateConstraint(DateTimeOffset From, DateTimeOffset To, string Words, bool IsMonth, bool IsRelative = false, bool NewestFirst = false)
{
    /// <summary>How long after a month its figures may still be reported.</summary>
    public static readonly TimeSpan ReportingLag = TimeSpan.FromDays(62);

    private static readonly string[] s_months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    /// <summary>The month and year, or the year, a question names; null when it names neither.</summary>
    public static DateConstraint? Find(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var match = MonthYear().Match(question);
        if (match.Success && MonthNumber(match.Groups["month"].Value) is { } month)
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            var from = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
            return new DateConstraint(from, from.AddMonths(1).AddTicks(-1), match.Value, IsMonth: true);
        }
        match = YearOnly().Match(question);
        if (match.Success)
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
            return new DateConstraint(from, from.AddYears(1).AddTicks(-1), match.Value, IsMonth: false);
        }
        return null;
    }

    /// <summary>
    /// As <see cref="Find(string)"/>, and with a reference day (<paramref name="today"/>) also "today", "this week" and
    /// "the latest"/"most recent", which a named month or year outranks.
    /// </summary>
    public static DateConstraint? Find(string question, DateTimeOffset? today)
    {
        if (Find(question) is { } named)
        {
            return named;
        }
        if (today is not { } reference)
        {
            return null;
        }
        var end = new DateTimeOffset(reference.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddTicks(-1);
        if (Today().Match(question) is { Success: true } day)
        {
            return new DateConstraint(end.AddTicks(1).AddDays(-1), end, day.Value, IsMonth: false, IsRelative: true);
        }
        if (ThisWeek().Match(question) is { Success: true } week)
        {
            return new DateConstraint(end.AddTicks(1).AddDays(-7), end, week.Value, IsMonth: false, IsRelative: true);
        }
        return Latest().Match(question) is { Success: true } latest
            ? new DateConstraint(DateTimeOffset.MinValue, end, latest.Value, IsMonth: false, IsRelative: true, NewestFirst: true)
            : null;
    }

    /// <summary>Whether the question speaks of "today", "this week" or "the latest": only then does the reference day matter.</summary>
    public static bool SpeaksOfRecency(string question) =>
        Today().IsMatch(question) || ThisWeek().IsMatch(question) || Latest().IsMatch(question);

    /// <summary>The analysed terms of <see cref="Words"/>: the question's words that say when, not what.</summary>
    public IReadOnlySet<string> WordTerms() => TextAnalyzer.Terms(Words).ToHashSet(StringComparer.Ordinal);

    /// <summary>The year the question names, as written.</summary>
    public string YearText => From.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a passage speaks of this time. A year: the text names it (also as "last year" or "this year" of the
    /// article's date), or names no year at all and was written in it or the year after (or is undated). A month: the
    /// text names it, or the article was written in it; sentences naming another month are dropped from answers.
    /// </summary>
    public bool Covers(DateTimeOffset? published, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsRelative)
        {
            // "The latest" may be undated; "today" and "this week" are known from the date alone.
            return published is { } date ? date >= From && date <= To : NewestFirst;
        }
        if (!IsMonth)
        {
            var years = YearsNamed(text, published);
            // An undated article that names no year could be of any: it is not ruled out.
            return years.Count == 0
                ? published is not { } date || date.Year == From.Year || date.Year == From.Year + 1
                : years.Contains(From.Year);
        }
        return MonthsNamed(text).Contains(From.Month) || (published is { } written && written >= From && written <= From.AddMonths(1));
    }

    /// <summary>
    /// Whether a sentence speaks of another time than this one: it names months (or, naming no month, years), and not
    /// this one.
    /// </summary>
    public bool Contradicts(string sentence, DateTimeOffset? published)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (IsRelative)
        {
            return false;
        }
        if (IsMonth)
        {
            var months = MonthsNamed(sentence);
            if (months.Count > 0)
            {
                return !months.Contains(From.Month);
            }
            // A month is of a year too: a sentence naming only other years ("in 1986") speaks of another time. Only years
            // written out count: "a year earlier" compares with the month's own year.
            var named = YearsNamed(sentence, published: null);
            return named.Count > 0 && !named.Contains(From.Year);
        }
        var years = YearsNamed(sentence, published);
        return years.Count > 0 && !years.Contains(From.Year);
    }

    /// <summary>The years a text means by "last year" or "this year", as words, from the article's date.</summary>
    public static IEnumerable<string> ImpliedYears(string text, DateTimeOffset? published)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (published is not { } date)
        {
            yield break;
        }
        if (LastYear().IsMatch(text))
        {
            yield return (date.Year - 1).ToString(CultureInfo.InvariantCulture);
        }
        if (ThisYear().IsMatch(text))
        {
            yield return date.Year.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static HashSet<int> MonthsNamed(string text) =>
        Word().Matches(text).Where(w => w.Value.Length > 3 || char.IsUpper(w.Value[0])).Select(w => MonthNumber(w.Value)).OfType<int>().ToHashSet();

    /// <summary>Whether a word is the name of a month or a weekday: a date, never a name the answer must contain.</summary>
    public static bool IsCalendarWord(string word) =>
        MonthNumber(word) is not null
        || CultureInfo.InvariantCulture.DateTimeFormat.DayNames.Any(d => d.Equals(word, StringComparison.OrdinalIgnoreCase));

    private static HashSet<int> YearsNamed(string text, DateTimeOffset? published) =>
        NamedYear().Matches(text).Select(m => m.Value).Concat(ImpliedYears(text, published))
            .Select(year => int.Parse(year, CultureInfo.InvariantCulture)).ToHashSet();

    private static int? MonthNumber(string word)
    {
        var trimmed = word.TrimEnd('.');
        for (var i = 0; i < s_months.Length; i++)
        {
            if (s_months[i].Equals(trimmed, StringComparison.OrdinalIgnoreCase)
                || (trimmed.Length >= 3 && s_months[i].StartsWith(trimmed, StringComparison.OrdinalIgnoreCase) && trimmed.Length < s_months[i].Length && trimmed.Length <= 4))
            {
                return i + 1;
            }
        }
        return null;
    }

    [GeneratedRegex(@"\b(today|this morning|tonight)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Today();

    [GeneratedRegex(@"\b(this|the past|the last) (week|seven days)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThisWeek();

    [GeneratedRegex(@"\b(latest|most recent|newest|recently)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Latest();

    [GeneratedRegex(@"\b(19|20)\d{2}\b")]
    private static partial Regex NamedYear();

    [GeneratedRegex(@"\b(last|previous|a) year\b|\byear earlier\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LastYear();

    [GeneratedRegex(@"\b(this|current) year\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThisYear();

    [GeneratedRegex(@"\b\p{Lu}\p{Ll}+\.?")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?<month>[A-Za-z]{3,9}\.?)\s+(?:of\s+)?(?<year>(?:19|20)\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\b(?:in|during|of|for|since)\s+(?<year>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearOnly();
}
