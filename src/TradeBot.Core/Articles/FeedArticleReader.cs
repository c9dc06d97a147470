using System.ServiceModel.Syndication;
using System.Xml;
using AngleSharp.Html.Parser;

namespace TradeBot.Core.Articles;

/// <summary>RSS 2.0 and Atom 1.0 feed files: one article an item, HTML content reduced to text.</summary>
internal static class FeedArticleReader
{
    public static IReadOnlyList<ReadResult> Read(string xml, string fileId, string origin, int maxHtmlDepth = HtmlNesting.DefaultMaxDepth)
    {
        SyndicationFeed feed;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            feed = SyndicationFeed.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or InvalidOperationException or FormatException or NotSupportedException)
        {
            return [ReadResult.Failure(fileId, $"broken feed XML: {ex.Message}")];
        }

        var outlet = feed.Title?.Text;
        var results = new List<ReadResult>();
        var index = 0;
        foreach (var item in feed.Items)
        {
            index++;
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri?.ToString();
            var id = item.Id ?? link ?? $"{fileId}#{index}";
            var html = (item.Content as TextSyndicationContent)?.Text ?? item.Summary?.Text ?? string.Empty;
            if (HtmlNesting.Exceeds(html, maxHtmlDepth))
            {
                results.Add(ReadResult.Failure(id, HtmlNesting.TooDeep(maxHtmlDepth)));
                continue;
            }
            var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
            results.Add(ReadResult.Success(new RawArticle(id, item.Title?.Text, outlet, link, published, HtmlToText(html), origin)));
        }
        return results;
    }

    private static string HtmlToText(string html)
    {
        if (!html.Contains('<', StringComparison.Ordinal))
        {
            return html;
        }
        var document = new HtmlParser().ParseDocument(html);
        var blocks = document.QuerySelectorAll("p, li, h2, h3, blockquote").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        return blocks.Count > 0 ? string.Join("\n\n", blocks) : document.Body?.TextContent ?? string.Empty;
    }
}
