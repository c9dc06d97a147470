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
            var details = Details(citation);
            text.Append(CultureInfo.InvariantCulture, $"{citation.Number}. {link}{(details.Length > 0 ? " — " + details : string.Empty)}\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Markdown reference definitions (<c>[1]: cite:1 "Title"</c>) that Web Chat turns into citation buttons opening
    /// its citation dialog. Always <c>cite:</c>, never the article's address: Web Chat would open a web address
    /// instead of the dialog; the dialog links to the article.
    /// </summary>
    public static string ToReferenceDefinitions(IReadOnlyList<Citation> citations) =>
        string.Join('\n', citations.OrderBy(c => c.Number).Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"[{c.Number}]: cite:{c.Number} \"{MarkdownText.LinkTitle(c.DisplayTitle)}\"")));

    /// <summary>
    /// The outlet and date as escaped Markdown ("Reuters, 2 May 2025"), empty for an untitled article, whose
    /// display name already is its outlet and date.
    /// </summary>
    public static string Details(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        return citation.Title.Length == 0 ? string.Empty
            : string.Join(", ", new[] { MarkdownText.Escape(citation.Source), citation.Published is { } published ? FormatDate(published) : string.Empty }.Where(d => d.Length > 0));
    }

    public static string FormatDate(DateTimeOffset date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
