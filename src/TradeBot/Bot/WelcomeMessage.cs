using System.Globalization;
using System.Text;
using TradeBot.Core.Answers;

namespace TradeBot.Bot;

/// <summary>The greeting: what TradeBot knows (how many articles, which dates) and three questions to start with.</summary>
internal static class WelcomeMessage
{
    public const int ExampleCount = 3;
    public const string ExamplesPrompt = "Pick one to start:";

    public static string Create(string? userName, CorpusSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder(string.IsNullOrWhiteSpace(userName) ? "Hi! " : $"Hi {userName}! ");
        text.Append("I'm **TradeBot**. I answer questions about tariffs, trade talks and trade disputes from news articles, and I cite my sources.");
        if (summary.ArticleCount == 0)
        {
            text.Append("\n\nI have no articles yet; they are probably still being loaded. Please try again in a moment.");
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"\n\nI know **{summary.ArticleCount:N0} articles**");
        if (summary.Earliest is { } earliest && summary.Latest is { } latest)
        {
            text.Append(CultureInfo.InvariantCulture, $" published between {SourceList.FormatDate(earliest)} and {SourceList.FormatDate(latest)}");
        }

        text.Append('.');
        var examples = Examples(summary);
        if (examples.Count > 0)
        {
            text.Append("\n\nYou could ask:\n\n");
            text.AppendJoin('\n', examples.Select(q => $"- {q}"));
        }

        return text.ToString();
    }

    public static IReadOnlyList<string> Examples(CorpusSummary summary) => [.. summary.ExampleQuestions.Take(ExampleCount)];
}
