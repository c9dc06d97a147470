using System.Globalization;
using System.Text;
using TradeBot.Core.Answers;
using TradeBot.Core.Text;

namespace TradeBot.Bot;

/// <summary>Markdown for the sources an answer cites: one line per citation with title (linked), outlet and date.</summary>
internal static class SourceList
{
    public static string ToMarkdown(IReadOnlyList<Citation> citations)
    {
        var text = new StringBuilder("**Sources**\n\n");
        foreach (var citation in citations.OrderBy(c => c.Number))
        {
            var title = MarkdownText.Escape(citation.DisplayTitle);
            var link = WebLinks.Normalize(citation.Url) is { } url ? $"[{title}]({MarkdownText.LinkDestination(url)})" : title;
            var details = string.Join(", ", new[] { MarkdownText.Escape(citation.Source), citation.Published is { } published ? FormatDate(published) : string.Empty }.Where(d => d.Length > 0));
            text.Append(CultureInfo.InvariantCulture, $"{citation.Number}. {link}{(details.Length > 0 ? " — " + details : string.Empty)}\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Markdown reference definitions (<c>[1]: url "Title"</c>) that Web Chat turns into citation links.</summary>
    public static string ToReferenceDefinitions(IReadOnlyList<Citation> citations) =>
        string.Join('\n', citations.OrderBy(c => c.Number).Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"[{c.Number}]: {(WebLinks.Normalize(c.Url) is { } url ? MarkdownText.LinkDestination(url) : $"cite:{c.Number}")} \"{MarkdownText.LinkTitle(c.DisplayTitle)}\"")));

    public static string FormatDate(DateTimeOffset date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
