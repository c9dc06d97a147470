using System.Globalization;
using System.Text;
using TradeBot.Core.Answers;
using TradeBot.Core.Text;

namespace TradeBot.Bot;

/// <summary>Markdown for the sources an answer cites: one line per citation with title (linked), outlet and date.</summary>
internal static class SourceList
{
    /// <param name="citations">The sources of one answer.</param>
    /// <param name="names">Each source's name by number (<see cref="CitationNames"/>).</param>
    public static string ToMarkdown(IReadOnlyList<Citation> citations, IReadOnlyDictionary<int, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var text = new StringBuilder("**Sources**\n\n");
        foreach (var citation in citations.OrderBy(c => c.Number))
        {
            var name = names[citation.Number];
            var title = MarkdownText.Escape(name);
            var link = WebLinks.Normalize(citation.Url) is { } url ? $"[{title}]({MarkdownText.LinkDestination(url)})" : title;
            // A name that was told apart from another already says the outlet and date.
            var details = name == citation.DisplayTitle ? Details(citation) : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"{citation.Number}. {link}{(details.Length > 0 ? " — " + details : string.Empty)}\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Markdown reference definitions (<c>[1]: cite:1 "Title"</c>) that Web Chat turns into citation buttons opening
    /// its citation dialog. Always <c>cite:</c>, never the article's address: Web Chat would open a web address
    /// instead of the dialog; the dialog links to the article.
    /// </summary>
    public static string ToReferenceDefinitions(IReadOnlyList<Citation> citations, IReadOnlyDictionary<int, string> names) =>
        string.Join('\n', citations.OrderBy(c => c.Number).Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"[{c.Number}]: cite:{c.Number} \"{MarkdownText.LinkTitle(names[c.Number])}\"")));

    /// <summary>
    /// The outlet and date as escaped Markdown ("Reuters, 2 May 2025"), empty for an untitled article, whose
    /// display name already is its outlet and date.
    /// </summary>
    public static string Details(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        return citation.Title.Length == 0 ? string.Empty : MarkdownText.Escape(CitationNames.Details(citation));
    }

    public static string FormatDate(DateTimeOffset date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
