using System.Globalization;
using System.Text.RegularExpressions;

namespace TradeBot.Core.Answers.Llm;

/// <summary>
/// A follow-up rewritten by the model: the search text, and the dates it refers to as a range. Dates stay out of the
/// text, because a month name in a query would have to appear in every passage found.
/// </summary>
internal sealed partial record StandaloneQuery(string Text, DateTimeOffset? From, DateTimeOffset? To)
{
    private const int MaxLength = 400;

    /// <summary>Reads the model's reply: the query on the first line, then optional <c>from: YYYY-MM-DD</c> and <c>to: YYYY-MM-DD</c> lines.</summary>
    public static StandaloneQuery? Parse(string? reply)
    {
        string? text = null;
        DateTimeOffset? from = null, to = null;
        foreach (var line in (reply ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DateLine().Match(line) is { Success: true } date)
            {
                var day = DateTimeOffset.ParseExact(date.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                if (date.Groups["which"].Value.Equals("from", StringComparison.OrdinalIgnoreCase))
                {
                    from = day;
                }
                else
                {
                    to = day.AddDays(1).AddTicks(-1);
                }
            }
            else
            {
                text ??= QueryPrefix().Replace(line, string.Empty).Trim('"', '\'', '“', '”', '`', ' ');
            }
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return new StandaloneQuery(text.Length > MaxLength ? text[..MaxLength] : text, from, to);
    }

    [GeneratedRegex(@"^(?<which>from|to)\s*:\s*(?<date>\d{4}-\d{2}-\d{2})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^query\s*:\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryPrefix();
}
