using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TradeBot.Core.Articles;

/// <summary>An HTML article page: metadata from the usual meta tags, main text from the element that holds the most paragraph text.</summary>
internal static class HtmlArticleReader
{
    private static readonly string[] s_boilerplate = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "figure"];

    public static ReadResult Read(string html, string id, string origin, int maxDepth = HtmlNesting.DefaultMaxDepth)
    {
        if (HtmlNesting.Exceeds(html, maxDepth))
        {
            return ReadResult.Failure(id, HtmlNesting.TooDeep(maxDepth));
        }
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(string.Join(',', s_boilerplate)).ToList())
        {
            element.Remove();
        }
        var main = document.QuerySelector("article") ?? LargestTextContainer(document) ?? document.Body;
        if (main is null)
        {
            return ReadResult.Failure(id, "HTML page has no body");
        }
        var blocks = new List<string>();
        var textLength = 0L;
        foreach (var block in main.QuerySelectorAll("p, h2, h3, li, blockquote"))
        {
            var text = block.TextContent.Trim();
            textLength += text.Length;
            // Nested blocks repeat their text; past twice the page's length only nesting can be adding it (quadratic memory).
            if (textLength > 2L * html.Length)
            {
                break;
            }
            if (text.Length > 0)
            {
                blocks.Add(text);
            }
        }
        var body = blocks.Count > 0 ? string.Join("\n\n", blocks) : main.TextContent;

        var title = Meta(document, "og:title") ?? document.QuerySelector("h1")?.TextContent.Trim() ?? document.Title?.Trim();
        var article = new RawArticle(
            id,
            string.IsNullOrWhiteSpace(title) ? null : title,
            Meta(document, "og:site_name"),
            document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? Meta(document, "og:url"),
            Dates.Parse(Meta(document, "article:published_time") ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime")),
            body,
            origin);
        return ReadResult.Success(article);
    }

    private static string? Meta(IDocument document, string property)
    {
        var value = document.QuerySelector($"meta[property='{property}'], meta[name='{property}']")?.GetAttribute("content");
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static IElement? LargestTextContainer(IDocument document) =>
        document.QuerySelectorAll("p")
            .Where(p => p.ParentElement is not null)
            .GroupBy(p => p.ParentElement!)
            .MaxBy(group => group.Sum(p => p.TextContent.Length))
            ?.Key;
}
