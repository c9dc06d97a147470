using System.ServiceModel.Syndication;
using System.Xml;
using AngleSharp.Html.Parser;

namespace TradeBot.Core.Articles;

/// <summary>RSS 2.0 and Atom 1.0 feed files: one article an item, HTML content reduced to text.</summary>
internal static class FeedArticleReader
{
    private const string ContentModule = "http://purl.org/rss/1.0/modules/content/";

    public static IReadOnlyList<ReadResult> Read(string xml, string fileId, string origin, int maxHtmlDepth = HtmlNesting.DefaultMaxDepth)
    {
        if (Parse(xml, out var error) is not { } feed)
        {
            return [ReadResult.Failure(fileId, error!)];
        }
        var results = new List<ReadResult>();
        var index = 0;
        foreach (var item in feed.Items)
        {
            index++;
            var id = item.Guid ?? item.Link ?? $"{fileId}#{index}";
            var html = item.ContentHtml ?? item.SummaryHtml ?? string.Empty;
            if (HtmlNesting.Exceeds(html, maxHtmlDepth))
            {
                results.Add(ReadResult.Failure(id, HtmlNesting.TooDeep(maxHtmlDepth)));
                continue;
            }
            results.Add(ReadResult.Success(new RawArticle(id, item.Title, feed.Title, item.Link, item.Published, HtmlToText(html), origin)));
        }
        return results;
    }

    /// <summary>The feed's items; null when it is not RSS 2.0 or Atom 1.0 XML, and then <paramref name="error"/> says why.</summary>
    public static FeedDocument? Parse(string xml, out string? error)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var feed = SyndicationFeed.Load(reader);
            error = null;
            return new FeedDocument(feed.Title?.Text, [.. feed.Items.Select(Item)]);
        }
        catch (Exception ex) when (ex is XmlException or InvalidOperationException or FormatException or NotSupportedException)
        {
            error = $"broken feed XML: {ex.Message}";
            return null;
        }
    }

    /// <summary>The text of an item's HTML: its paragraphs, list items and headings, a blank line apart.</summary>
    public static string HtmlToText(string html)
    {
        if (!html.Contains('<', StringComparison.Ordinal))
        {
            return html;
        }
        var document = new HtmlParser().ParseDocument(html);
        var blocks = document.QuerySelectorAll("p, li, h2, h3, blockquote").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        return blocks.Count > 0 ? string.Join("\n\n", blocks) : document.Body?.TextContent ?? string.Empty;
    }

    private static FeedItem Item(SyndicationItem item)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri?.ToString();
        var encoded = item.ElementExtensions.Where(e => e.OuterName == "encoded" && e.OuterNamespace == ContentModule)
            .Select(e => e.GetObject<string>()).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        var content = (item.Content as TextSyndicationContent)?.Text ?? encoded;
        var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
        return new FeedItem(string.IsNullOrWhiteSpace(item.Id) ? null : item.Id, link, item.Title?.Text, published,
            string.IsNullOrWhiteSpace(content) ? null : content, item.Summary?.Text);
    }
}
