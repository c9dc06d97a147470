using TradeBot.Core.Articles;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Articles;

public sealed class ArticleCleanerTests
{
    private const string SeedHeadline = "China Open to U.S. Tariff Talks, But Slams “Extortion” Tactics";

    [Fact]
    public void Clean_UndatedSeed_RemovesHeadlineRepeatedInBody()
    {
        var article = ReadSeed(SeedCorpus.UndatedFile);

        Assert.Equal(SeedHeadline, article.Title);
        Assert.DoesNotContain(SeedHeadline, Paragraphs(article));
        Assert.DoesNotContain(SeedHeadline, article.Body, StringComparison.Ordinal);
        Assert.StartsWith("China said Friday it is reviewing a U.S. offer", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_UndatedSeed_DropsRelatedLinkAndAdvertisementLines()
    {
        var article = ReadSeed(SeedCorpus.UndatedFile);

        Assert.DoesNotContain("READ ALSO", article.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("CIA Taps Into Chinese Discontent", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Advertisement", article.Body, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("For now, China says its door is open — but it wants sincerity, not threats.", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_UndatedSeed_KeepsEveryRealParagraphVerbatim()
    {
        var article = ReadSeed(SeedCorpus.UndatedFile);

        Assert.Contains("China quickly retaliated with its own 125% duties on American imports.", article.Body, StringComparison.Ordinal);
        Assert.Contains("“First, we need to de-escalate,” Bessent told Fox Business", article.Body, StringComparison.Ordinal);
        Assert.Equal(10, Paragraphs(article).Count);
    }

    [Fact]
    public void Clean_UndatedSeed_InventsNoMetadata()
    {
        var article = ReadSeed(SeedCorpus.UndatedFile);

        Assert.Equal(string.Empty, article.Source);
        Assert.Null(article.Url);
        Assert.Null(article.Published);
    }

    [Fact]
    public void Clean_DatedSeed_RemovesLeadingDateMarkerAndKeepsItsDate()
    {
        var article = ReadSeed(SeedCorpus.DatedFile);

        Assert.StartsWith("China may be warming to the possibility of holding talks", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("date 2025-05-02", article.Body, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 5, 2, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Clean_DatedSeed_InventsNoMetadata()
    {
        var article = ReadSeed(SeedCorpus.DatedFile);

        Assert.Equal(string.Empty, article.Title);
        Assert.Equal(string.Empty, article.Source);
        Assert.Null(article.Url);
    }

    [Fact]
    public void Clean_RelatedLinkLines_AreDropped()
    {
        var raw = Raw("Tariffs rise", "First paragraph about tariffs.\n\nREAD ALSO: Something else entirely\n\nRead more: another link\n\nLast paragraph.");

        var article = ArticleCleaner.Clean(raw);

        Assert.Equal(["First paragraph about tariffs.", "Last paragraph."], Paragraphs(article));
    }

    [Theory]
    [InlineData("- Advertisement -")]
    [InlineData("— Advertisement —")]
    [InlineData("Advertisement")]
    [InlineData("ADVERTISEMENT")]
    public void Clean_AdvertisementMarkers_AreDropped(string marker)
    {
        var raw = Raw(null, $"Before the advert.\n\n{marker}\n\nAfter the advert.");

        var article = ArticleCleaner.Clean(raw);

        Assert.Equal(["Before the advert.", "After the advert."], Paragraphs(article));
    }

    [Fact]
    public void Clean_AdvertisementMarkerInsideParagraph_IsCutOut()
    {
        var raw = Raw(null, "The ministry spoke on Friday. - Advertisement - It said talks were possible.");

        var article = ArticleCleaner.Clean(raw);

        Assert.DoesNotContain("Advertisement", article.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("It said talks were possible.", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_WordAdvertisementInASentence_IsKept()
    {
        var raw = Raw(null, "The advertisement industry expects lower revenue from tariffs.");

        var article = ArticleCleaner.Clean(raw);

        Assert.Equal("The advertisement industry expects lower revenue from tariffs.", article.Body);
    }

    [Fact]
    public void Clean_HeadlineRepeatedInBody_IsRemovedWherever()
    {
        var raw = Raw("Steel Duties Rise Again", "Steel Duties Rise Again\n\nThe government raised steel duties.\n\nSTEEL DUTIES RISE AGAIN!\n\nMills welcomed the move.");

        var article = ArticleCleaner.Clean(raw);

        Assert.Equal(["The government raised steel duties.", "Mills welcomed the move."], Paragraphs(article));
    }

    [Fact]
    public void Clean_SentenceThatStartsWithHeadlineWords_IsKept()
    {
        var raw = Raw("Steel Duties Rise", "Steel duties rise by 10 percent from Monday, the ministry said.");

        var article = ArticleCleaner.Clean(raw);

        Assert.Equal("Steel duties rise by 10 percent from Monday, the ministry said.", article.Body);
    }

    [Fact]
    public void Clean_HardWrappedWireLines_AreJoinedIntoParagraphs()
    {
        var raw = Raw(null, "The U.S. Trade Representative said on\nThursday that talks would resume\nnext month.\n    Japan said it welcomed the move\nand would send a delegation.");

        var article = ArticleCleaner.Clean(raw);

        Assert.Equal(
            ["The U.S. Trade Representative said on Thursday that talks would resume next month.", "Japan said it welcomed the move and would send a delegation."],
            Paragraphs(article));
    }

    [Fact]
    public void Clean_LeadingDateMarker_DoesNotOverrideAKnownDate()
    {
        var known = new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero);
        var raw = Raw(null, "date 2025-05-02 Talks may resume.") with { Published = known };

        var article = ArticleCleaner.Clean(raw);

        Assert.Equal(known, article.Published);
        Assert.Equal("Talks may resume.", article.Body);
    }

    [Fact]
    public void Clean_DateInsideText_IsNotTakenForAMarker()
    {
        var raw = Raw(null, "Talks may resume. The date 2025-05-02 was mentioned.");

        var article = ArticleCleaner.Clean(raw);

        Assert.Null(article.Published);
        Assert.Equal("Talks may resume. The date 2025-05-02 was mentioned.", article.Body);
    }

    [Fact]
    public void Clean_BlankMetadata_StaysEmpty()
    {
        var raw = new RawArticle("x", "  ", "  ", "  ", null, "Some text.", "/tmp/x.txt");

        var article = ArticleCleaner.Clean(raw);

        Assert.Equal(string.Empty, article.Title);
        Assert.Equal(string.Empty, article.Source);
        Assert.Null(article.Url);
        Assert.Null(article.Published);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("https://news.example.com/a\n[2]: javascript:alert(1)", null)]
    [InlineData("relative/page.html", null)]
    [InlineData(" https://news.example.com/story ", "https://news.example.com/story")]
    public void Clean_Url_KeepsOnlyAbsoluteWebAddresses(string url, string? expected)
    {
        var article = ArticleCleaner.Clean(new RawArticle("x", "Title", "Outlet", url.Replace("\\n", "\n", StringComparison.Ordinal), null, "Some text.", "/tmp/x.txt"));

        Assert.Equal(expected, article.Url);
    }

    private static RawArticle Raw(string? title, string body) => new("test", title, null, null, null, body, "/tmp/test.txt");

    private static List<string> Paragraphs(Article article) => [.. article.Body.Split("\n\n")];

    private static Article ReadSeed(string fileName)
    {
        var result = Assert.Single(new CorpusFileReader(new CorpusReaderOptions()).Read(SeedCorpus.PathOf(fileName), fileName));
        Assert.Null(result.Error);
        return ArticleCleaner.Clean(result.Article!);
    }
}
