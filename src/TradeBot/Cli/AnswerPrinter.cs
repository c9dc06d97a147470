using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using TradeBot.Core.Answers;
using TradeBot.Core.Text;

namespace TradeBot.Cli;

/// <summary>Prints answers for a terminal (text and a numbered source list) or as one JSON object.</summary>
internal static class AnswerPrinter
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Print(IAnsiConsole console, Answer answer)
    {
        console.WriteLine();
        console.WriteLine(PrintableText.Escape(answer.Text, keepLineBreaks: true));
        if (answer.Citations.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Sources[/]");
            foreach (var citation in answer.Citations)
            {
                // An untitled article's display name already is its outlet and date.
                var named = citation.Title.Length > 0;
                var details = string.Join(", ", new[] { named ? citation.Source : null, named ? FormatDate(citation.Published) : null, WebLinks.Normalize(citation.Url) }.Where(s => !string.IsNullOrEmpty(s)));
                console.MarkupLineInterpolated($"[bold][[{citation.Number}]][/] {PrintableText.Escape(Title(citation))}{(details.Length > 0 ? " — " + PrintableText.Escape(details) : string.Empty)}");
                console.MarkupLineInterpolated($"    [grey]“{PrintableText.Escape(citation.Quote)}”[/]");
            }
        }
        if (answer.SuggestedQuestions.Count > 0)
        {
            console.WriteLine();
            console.MarkupLineInterpolated($"[grey]You could ask: {string.Join(" · ", answer.SuggestedQuestions)}[/]");
        }
        console.WriteLine();
    }

    public static string ToJson(Answer answer) => JsonSerializer.Serialize(new
    {
        question = answer.Question,
        answered = answer.Answered,
        answer = answer.Text,
        citations = answer.Citations.Select(c => new
        {
            n = c.Number,
            articleId = c.ArticleId,
            title = c.Title,
            source = c.Source,
            published = FormatDate(c.Published),
            url = WebLinks.Normalize(c.Url),
            quote = c.Quote,
        }),
    }, s_json);

    public static string Title(Citation citation) => citation.DisplayTitle;

    private static string? FormatDate(DateTimeOffset? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
