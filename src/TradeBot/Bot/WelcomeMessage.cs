using System.Globalization;
using TradeBot.Core.Answers;

namespace TradeBot.Bot;

/// <summary>
/// The greeting, once per user: who TradeBot is, what it knows (how many articles, which dates), and an invitation to
/// pick one of the example questions that come with it as suggested actions. Plain text, one paragraph per line, so
/// that every client shows it alike (a message with suggested actions is shown without Markdown by some); a new line
/// is one more entry in <see cref="Lines"/>.
/// </summary>
internal static class WelcomeMessage
{
    public const int ExampleCount = 3;
    public const string ExamplesPrompt = "Pick a question below to start, or ask your own.";

    public static string Create(string? userName, CorpusSummary summary, bool withExamples) =>
        string.Join("\n\n", Lines(userName, summary, withExamples));

    public static IEnumerable<string> Lines(string? userName, CorpusSummary summary, bool withExamples)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var hello = string.IsNullOrWhiteSpace(userName) ? "Hi!" : $"Hi {userName}!";
        yield return $"{hello} I'm TradeBot. I answer questions about tariffs, trade talks and trade disputes from news articles, and I cite my sources.";
        if (summary.ArticleCount == 0)
        {
            yield return "I have no articles yet; they are probably still being loaded. Please try again in a moment.";
            yield break;
        }

        var range = summary.Earliest is { } earliest && summary.Latest is { } latest
            ? $" published between {SourceList.FormatDate(earliest)} and {SourceList.FormatDate(latest)}"
            : string.Empty;
        yield return string.Create(CultureInfo.InvariantCulture, $"I know {summary.ArticleCount:N0} articles{range}.");
        if (withExamples)
        {
            yield return ExamplesPrompt;
        }
    }
}
