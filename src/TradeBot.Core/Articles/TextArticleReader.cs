using Markdig;

namespace TradeBot.Core.Articles;

/// <summary>Plain text or Markdown with optional YAML front matter (title, published, source, url, id).</summary>
internal static class TextArticleReader
{
    private const int MaxHeadlineLength = 200;

    public static ReadResult Read(string text, string id, string origin, bool isMarkdown)
    {
        FrontMatter front;
        try
        {
            front = FrontMatter.Parse(text);
        }
        catch (FormatException ex)
        {
            return ReadResult.Failure(id, ex.Message);
        }
        var body = isMarkdown ? Markdown.ToPlainText(front.Body) : front.Body;
        var title = front.Get("title") ?? (isMarkdown ? MarkdownHeading(front.Body) : null) ?? HeadlineLine(body);
        var article = new RawArticle(
            front.Get("id") ?? id,
            title,
            front.Get("source") ?? front.Get("outlet"),
            front.Get("url") ?? front.Get("link"),
            Dates.Parse(front.Get("published") ?? front.Get("date")),
            body,
            origin);
        return ReadResult.Success(article);
    }

    private static string? MarkdownHeading(string markdown)
    {
        var line = markdown.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line is not null && line.StartsWith("# ", StringComparison.Ordinal) ? line[2..].Trim() : null;
    }

    /// <summary>A first line that stands alone, is short and does not end like a sentence is the headline.</summary>
    private static string? HeadlineLine(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
        {
            return null;
        }
        var line = lines[first].Trim();
        var standsAlone = first + 1 >= lines.Length || lines[first + 1].Trim().Length == 0;
        return standsAlone && line.Length <= MaxHeadlineLength && !line.EndsWith('.') ? line : null;
    }
}
