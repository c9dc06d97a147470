using System.Globalization;
using TradeBot.Core.Retrieval;

namespace TradeBot.Core.Answers;

/// <summary>
/// How recent an answer's sources are, said at its end when the question asked for recent news ("today", "this week",
/// "the latest"): their publication dates, and the day the question was read against.
/// </summary>
internal static class RecencyNote
{
    public static Answer AddTo(Answer answer, DateConstraint? date)
    {
        if (date is not { IsRelative: true } || !answer.Answered)
        {
            return answer;
        }
        var dates = answer.Citations.Select(c => c.Published).OfType<DateTimeOffset>().ToList();
        var published = dates.Count == 0 ? "Undated sources"
            : dates.Min().Date == dates.Max().Date ? $"Sources published {Day(dates.Min())}"
            : $"Sources published {Day(dates.Min())} to {Day(dates.Max())}";
        var reference = Day(date.To);
        var reading = date.NewestFirst ? $"newest first, as of {reference}"
            : date.To - date.From > TimeSpan.FromDays(1) ? $"\"{date.Words}\" read as the 7 days to {reference}"
            : $"\"{date.Words}\" read as {reference}";
        return answer with { Text = $"{answer.Text}\n\n_{published}; {reading}._" };
    }

    private static string Day(DateTimeOffset date) => date.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
