using TradeBot.Core.Articles;

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

    private static RawArticle Success(ReadResult result)
    {
        Assert.Null(result.Error);
        return Assert.IsType<RawArticle>(result.Article);
    }
}
