using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TradeBot.Core.Text;

namespace TradeBot.Core.Articles;

/// <summary>
/// Removes what scraped news pages leave in the body: the headline repeated inside it, related-link lines
/// ("READ ALSO: …"), advertisement markers and a leading "date YYYY-MM-DD" marker (kept as the published date when
/// the article has none). Re-joins hard-wrapped lines into paragraphs.
/// </summary>
public static partial class ArticleCleaner
{
    public static Article Clean(RawArticle raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var body = raw.Body.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        body = AdvertisementMarker().Replace(body, "\n\n");

        var published = raw.Published;
        var dateMarker = LeadingDateMarker().Match(body);
        if (dateMarker.Success)
        {
            published ??= DateTimeOffset.TryParseExact(dateMarker.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var date) ? date : null;
            body = body[dateMarker.Length..];
        }

        var title = Collapse(raw.Title ?? string.Empty);
        var paragraphs = new List<string>();
        foreach (var paragraph in Paragraphs(body))
        {
            if (RelatedLinkLine().IsMatch(paragraph) || (title.Length > 0 && SameText(paragraph, title)))
            {
                continue;
            }
            paragraphs.Add(paragraph);
        }

        return new Article(
            raw.Id,
            title,
            Collapse(raw.Source ?? string.Empty),
            WebLinks.Normalize(raw.Url),
            published,
            string.Join("\n\n", paragraphs),
            raw.Origin);
    }

    /// <summary>Splits on blank lines and on indented lines (wire copy marks paragraphs by indentation).</summary>
    private static IEnumerable<string> Paragraphs(string body)
    {
        var current = new StringBuilder();
        foreach (var line in body.Split('\n'))
        {
            var startsParagraph = line.Length > 0 && (line[0] == '\t' || line.StartsWith("  ", StringComparison.Ordinal));
            if (line.Trim().Length == 0 || startsParagraph)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
                if (line.Trim().Length == 0)
                {
                    continue;
                }
            }
            if (current.Length > 0)
            {
                current.Append(' ');
            }
            current.Append(Collapse(line));
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static bool SameText(string a, string b) =>
        string.Equals(Letters(a), Letters(b), StringComparison.OrdinalIgnoreCase);

    private static string Letters(string text) => new(text.Where(char.IsLetterOrDigit).ToArray());

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"(^|(?<=\s))[-–—]+\s*advertisement\s*[-–—]+(?=\s|$)|^[ \t]*advertisement[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex AdvertisementMarker();

    [GeneratedRegex(@"^\s*date\s+(?<date>\d{4}-\d{2}-\d{2})\b\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDateMarker();

    [GeneratedRegex(@"^(read also|also read|read more|related|see also|recommended|more from)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelatedLinkLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
