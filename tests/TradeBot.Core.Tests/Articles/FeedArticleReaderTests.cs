using TradeBot.Core.Articles;

namespace TradeBot.Core.Tests.Articles;

public sealed class FeedArticleReaderTests
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0">
          <channel>
            <title>Example Trade Wire</title>
            <link>https://wire.example.com/</link>
            <description>Trade news</description>
            <item>
              <title>Mexico raises steel tariffs</title>
              <link>https://wire.example.com/mexico-steel</link>
              <guid>wire-1</guid>
              <pubDate>Tue, 10 Sep 2024 08:00:00 GMT</pubDate>
              <description>&lt;p&gt;Mexico raised tariffs on steel.&lt;/p&gt;&lt;p&gt;Industry groups applauded.&lt;/p&gt;</description>
            </item>
            <item>
              <title>Chile signs deal</title>
              <link>https://wire.example.com/chile</link>
              <description>Chile signed a trade deal with Korea.</description>
            </item>
          </channel>
        </rss>
        """;

    private const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Atom Trade Desk</title>
          <id>urn:example:feed</id>
          <updated>2024-05-01T12:00:00Z</updated>
          <entry>
            <title>WTO panel rules on subsidies</title>
            <id>urn:example:entry-1</id>
            <link rel="alternate" href="https://atom.example.com/wto"/>
            <published>2024-05-01T11:00:00Z</published>
            <updated>2024-05-01T12:00:00Z</updated>
            <content type="html">&lt;p&gt;A WTO panel ruled against the subsidies.&lt;/p&gt;</content>
          </entry>
          <entry>
            <title>Only updated</title>
            <id>urn:example:entry-2</id>
            <updated>2024-04-30T09:00:00Z</updated>
            <summary>Summary text only.</summary>
          </entry>
        </feed>
        """;

    [Fact]
    public void Read_RssFeed_EachItemBecomesAnArticle()
    {
        var articles = Articles(FeedArticleReader.Read(Rss, "wire.rss", "/c/wire.rss"));

        Assert.Equal(2, articles.Count);
        var first = articles[0];
        Assert.Equal("wire-1", first.Id);
        Assert.Equal("Mexico raises steel tariffs", first.Title);
        Assert.Equal("Example Trade Wire", first.Source);
        Assert.Equal("https://wire.example.com/mexico-steel", first.Url);
        Assert.Equal(new DateTimeOffset(2024, 9, 10, 8, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Mexico raised tariffs on steel.\n\nIndustry groups applauded.", first.Body);
        Assert.Equal("/c/wire.rss", first.Origin);
    }

    [Fact]
    public void Read_RssItemWithoutGuidOrDate_UsesItsLinkAndStaysUndated()
    {
        var second = Articles(FeedArticleReader.Read(Rss, "wire.rss", "/c/wire.rss"))[1];

        Assert.Equal("https://wire.example.com/chile", second.Id);
        Assert.Null(second.Published);
        Assert.Equal("Chile signed a trade deal with Korea.", second.Body);
    }

    [Fact]
    public void Read_AtomFeed_EachEntryBecomesAnArticle()
    {
        var articles = Articles(FeedArticleReader.Read(Atom, "desk.atom", "/c/desk.atom"));

        Assert.Equal(2, articles.Count);
        var first = articles[0];
        Assert.Equal("urn:example:entry-1", first.Id);
        Assert.Equal("WTO panel rules on subsidies", first.Title);
        Assert.Equal("Atom Trade Desk", first.Source);
        Assert.Equal("https://atom.example.com/wto", first.Url);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 11, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("A WTO panel ruled against the subsidies.", first.Body);
        Assert.Equal(new DateTimeOffset(2024, 4, 30, 9, 0, 0, TimeSpan.Zero), articles[1].Published);
        Assert.Equal("Summary text only.", articles[1].Body);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><title>x</title><item><title>open item</channel></rss>")]
    [InlineData("<?xml version=\"1.0\"?><notafeed><item/></notafeed>")]
    [InlineData("this is not XML at all")]
    [InlineData("<rss><channel><title>No version attribute</title></channel></rss>")]
    public void Read_BrokenFeed_IsReportedAsOneFailure(string xml)
    {
        var result = Assert.Single(FeedArticleReader.Read(xml, "broken.xml", "/c/broken.xml"));

        Assert.Null(result.Article);
        Assert.Equal("broken.xml", result.Item);
        Assert.StartsWith("broken feed XML", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FeedWithDoctype_IsRejectedNotResolved()
    {
        const string xml = """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>""";

        var result = Assert.Single(FeedArticleReader.Read(xml, "evil.xml", "/c/evil.xml"));

        Assert.Null(result.Article);
    }

    private static List<RawArticle> Articles(IReadOnlyList<ReadResult> results)
    {
        Assert.All(results, r => Assert.Null(r.Error));
        return [.. results.Select(r => r.Article!)];
    }
}
