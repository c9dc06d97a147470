using TradeBot.Core.Articles;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Articles;

public sealed class HtmlArticleReaderTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html>
        <head>
          <title>Page title | Example News</title>
          <meta property="og:title" content="EU Weighs Retaliatory Duties">
          <meta property="og:site_name" content="Example News">
          <meta property="article:published_time" content="2024-06-01T09:30:00+02:00">
          <link rel="canonical" href="https://news.example.com/eu-duties">
          <script>var tracking = "Paragraph inside a script";</script>
        </head>
        <body>
          <nav><p>Home</p><p>World</p><p>Business news menu entry</p></nav>
          <header><p>Subscribe to our newsletter today</p></header>
          <article>
            <h1>EU Weighs Retaliatory Duties</h1>
            <p>The European Union is weighing duties on U.S. goods.</p>
            <p>Officials said a decision would come <b>within weeks</b>.</p>
            <script>document.write("<p>Injected by script</p>");</script>
            <aside><p>Related: other stories</p></aside>
          </article>
          <footer><p>Copyright Example News</p></footer>
        </body>
        </html>
        """;

    [Fact]
    public void Read_ArticlePage_TakesOpenGraphMetadataAndCanonicalLink()
    {
        var article = Success(HtmlArticleReader.Read(Page, "eu.html", "/c/eu.html"));

        Assert.Equal("EU Weighs Retaliatory Duties", article.Title);
        Assert.Equal("Example News", article.Source);
        Assert.Equal("https://news.example.com/eu-duties", article.Url);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 9, 30, 0, TimeSpan.FromHours(2)), article.Published);
    }

    [Fact]
    public void Read_ArticlePage_BodyIsTheArticleParagraphs()
    {
        var article = Success(HtmlArticleReader.Read(Page, "eu.html", "/c/eu.html"));

        Assert.Equal(
            "The European Union is weighing duties on U.S. goods.\n\nOfficials said a decision would come within weeks.",
            article.Body);
    }

    [Fact]
    public void Read_ArticlePage_DropsNavigationScriptsAndBoilerplate()
    {
        var article = Success(HtmlArticleReader.Read(Page, "eu.html", "/c/eu.html"));

        foreach (var noise in new[] { "Business news menu", "newsletter", "script", "Injected", "Related:", "Copyright", "tracking" })
        {
            Assert.DoesNotContain(noise, article.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Read_PageWithoutArticleElement_TakesTheLargestParagraphContainer()
    {
        const string html = """
            <html><head><title>Plain page</title></head><body>
            <div class="sidebar"><p>Short link</p></div>
            <div class="story"><p>Canada imposed tariffs on steel imports from several countries.</p><p>The measure takes effect next month.</p></div>
            </body></html>
            """;

        var article = Success(HtmlArticleReader.Read(html, "p.html", "/c/p.html"));

        Assert.Equal("Plain page", article.Title);
        Assert.Equal("Canada imposed tariffs on steel imports from several countries.\n\nThe measure takes effect next month.", article.Body);
        Assert.Null(article.Source);
        Assert.Null(article.Url);
        Assert.Null(article.Published);
    }

    [Fact]
    public void Read_PageWithTimeElement_TakesItsDate()
    {
        const string html = """<html><body><article><h1>Grain deal</h1><time datetime="2023-07-17">July 17</time><p>Russia left the grain deal.</p></article></body></html>""";

        var article = Success(HtmlArticleReader.Read(html, "g.html", "/c/g.html"));

        Assert.Equal("Grain deal", article.Title);
        Assert.Equal(new DateTimeOffset(2023, 7, 17, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Theory]
    [InlineData("<div>", 513)]
    [InlineData("<div></span>", 1_000)] // an end tag for nothing open closes nothing
    [InlineData("<div/>", 1_000)] // outside SVG a non-void element does not close itself
    [InlineData("<svg><div/>", 1_000)] // a div ends the SVG, then nests
    [InlineData("<svg><foreignObject><section/>", 400)] // HTML again inside foreignObject
    [InlineData("<b><i>", 300)]
    public void Read_DeeperThanTheLimit_IsRefusedWithoutParsing(string fragment, int count)
    {
        var result = HtmlArticleReader.Read(HtmlPages.Repeated(fragment, count, suffix: "<p>Tariffs rose.</p>"), "deep.html", "/c/deep.html");

        Assert.Null(result.Article);
        Assert.Contains("more than 512 deep", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p>Tariffs rose again.", 2_000)] // p, li, td … close their predecessor
    [InlineData("<li>Duties on steel.", 2_000)]
    [InlineData("<br><img src=x><hr>", 2_000)]
    [InlineData("<div>Tariffs rose.</div>", 2_000)]
    [InlineData("<script>if (a<b) { x = '<div>'; }</script>", 2_000)]
    [InlineData("<!-- <div> --><div title='>'><span a=\"<div>\">x</span></div>", 2_000)]
    public void Read_WideButShallowPage_IsRead(string fragment, int count)
    {
        var article = Success(HtmlArticleReader.Read(HtmlPages.Repeated(fragment, count, "<p>Tariffs rose on steel.</p>"), "wide.html", "/c/wide.html"));

        Assert.Contains("Tariffs rose on steel.", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SvgOfManySelfClosedShapes_IsRead()
    {
        var html = HtmlPages.Repeated("<path d='M0 0'/>", 3_000, "<p>Tariffs rose on steel.</p><svg>", "</svg>");

        Assert.Contains("Tariffs rose on steel.", Success(HtmlArticleReader.Read(html, "svg.html", "/c/svg.html")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NestedBlocksRepeatingTheirText_BodyStaysWithinTwiceThePageLength()
    {
        // Inside an article, every blockquote is a block of its own, each holding the text of all the ones inside it.
        var html = HtmlPages.Repeated("<blockquote>", 400, "<article>", "<p>" + string.Concat(Enumerable.Repeat("Tariffs on steel rose again. ", 200)) + "</p></article>");

        var article = Success(HtmlArticleReader.Read(html, "quotes.html", "/c/quotes.html"));

        Assert.InRange(article.Body.Length, 1, 2 * html.Length);
    }

    private static RawArticle Success(ReadResult result)
    {
        Assert.Null(result.Error);
        return Assert.IsType<RawArticle>(result.Article);
    }
}
