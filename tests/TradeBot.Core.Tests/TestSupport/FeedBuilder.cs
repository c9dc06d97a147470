using System.Globalization;
using System.Security;
using System.Text;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>Builds an RSS 2.0 feed: items with a guid, link, date and either full content or a short description.</summary>
internal sealed class FeedBuilder(string title = "Trade Wire")
{
    private readonly List<string> _items = [];

    /// <summary>An item whose full text is in the feed (<c>content:encoded</c>), padded to count as full text.</summary>
    public FeedBuilder WithFullItem(string guid, string link, string headline, string text, DateTimeOffset published) =>
        Item(guid, link, headline, published, $"<description>{Escape(text[..Math.Min(80, text.Length)])}</description><content:encoded>{Escape("<p>" + text + "</p><p>" + Filler + "</p>")}</content:encoded>");

    /// <summary>An item with only a short summary: its text must be fetched from the linked page.</summary>
    public FeedBuilder WithSummaryItem(string guid, string link, string headline, string summary, DateTimeOffset published) =>
        Item(guid, link, headline, published, $"<description>{Escape(summary)}</description>");

    public string Build() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><title>{Escape(title)}</title><link>https://wire.example/</link><description>trade news</description>
        {string.Join("\n", _items)}
        </channel></rss>
        """;

    /// <summary>Neutral sentences that make an item's content long enough to be taken as the full text.</summary>
    public const string Filler = "The statement was released by the ministry on its website. Officials said further details would follow in the coming days. "
        + "Analysts at several banks said they were studying the announcement. Markets in the region were closed for a holiday when it was made. "
        + "The ministry has published similar notices several times this year. Business groups said they had been consulted during the preparation. "
        + "A spokesperson declined to comment beyond the written statement. The measure will be reviewed after twelve months, the notice said. "
        + "Shipping agents said they expected little change to schedules in the first weeks. The notice runs to four pages and lists the goods concerned.";

    private FeedBuilder Item(string guid, string link, string headline, DateTimeOffset published, string body)
    {
        _items.Add($"<item><guid isPermaLink=\"false\">{Escape(guid)}</guid><link>{Escape(link)}</link><title>{Escape(headline)}</title>"
            + $"<pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate>{body}</item>");
        return this;
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;

    /// <summary>An article page for a feed item's link: a headline, paragraphs, a canonical link and an outlet.</summary>
    public static string Page(string headline, string text, string? canonical = null, string outlet = "Trade Wire")
    {
        var html = new StringBuilder("<!doctype html><html><head>");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Escape(headline)}</title><meta property=\"og:site_name\" content=\"{Escape(outlet)}\">");
        if (canonical is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<link rel=\"canonical\" href=\"{Escape(canonical)}\">");
        }
        html.Append(CultureInfo.InvariantCulture, $"</head><body><nav>Home | World | Markets</nav><article><h1>{Escape(headline)}</h1><p>{Escape(text)}</p><p>{Filler}</p></article></body></html>");
        return html.ToString();
    }
}
