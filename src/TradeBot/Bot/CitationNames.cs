using TradeBot.Core.Answers;

namespace TradeBot.Bot;

/// <summary>
/// The name each source of one answer is shown by (plain text; each channel escapes it): the article's display title,
/// and where two sources of the answer would read the same, the title with its outlet and date, so that the reader
/// can tell them apart ("Tariff talks (Reuters, 2 May 2025)"); when even those agree, the article id.
/// </summary>
internal static class CitationNames
{
    public static IReadOnlyDictionary<int, string> For(IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var names = citations.ToDictionary(c => c.Number, c => c.DisplayTitle);
        foreach (var same in citations.GroupBy(c => c.DisplayTitle, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var citation in same)
            {
                var details = Details(citation);
                var told = same.Count(other => string.Equals(Details(other), details, StringComparison.OrdinalIgnoreCase)) == 1;
                // An untitled article's display name already is its outlet and date.
                var added = citation.Title.Length > 0 ? details : string.Empty;
                if (!told)
                {
                    added = added.Length > 0 ? $"{added}, {citation.ArticleId}" : citation.ArticleId;
                }
                names[citation.Number] = added.Length > 0 ? $"{citation.DisplayTitle} ({added})" : citation.DisplayTitle;
            }
        }

        return names;
    }

    /// <summary>The outlet and date as plain text ("Reuters, 2 May 2025"), whichever are known.</summary>
    public static string Details(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        return string.Join(", ", new[] { citation.Source, citation.Published is { } published ? SourceList.FormatDate(published) : string.Empty }.Where(d => d.Length > 0));
    }
}
