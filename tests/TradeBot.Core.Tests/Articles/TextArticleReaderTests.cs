using TradeBot.Core.Articles;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Articles;

public sealed class TextArticleReaderTests
{
    [Fact]
    public void Read_MarkdownWithFrontMatter_TakesMetadataAndPlainTextBody()
    {
        const string markdown = """
            ---
            id: md-1
            title: "Steel: duties double"
            published: 2024-03-05
            source: Example Wire
            url: https://example.com/steel
            ---
            The **government** doubled [steel duties](https://example.com/duties) on Monday.

            - Mills welcomed it.
            """;

        var article = Success(TextArticleReader.Read(markdown, "file.md", "/corpus/file.md", isMarkdown: true));

        Assert.Equal("md-1", article.Id);
        Assert.Equal("Steel: duties double", article.Title);
        Assert.Equal("Example Wire", article.Source);
        Assert.Equal("https://example.com/steel", article.Url);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Contains("The government doubled steel duties on Monday.", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("**", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", article.Body, StringComparison.Ordinal);
        Assert.Equal("/corpus/file.md", article.Origin);
    }

    [Fact]
    public void Read_MarkdownHeadingWithoutFrontMatter_IsTheTitle()
    {
        var article = Success(TextArticleReader.Read("# Ports reopen\n\nThe ports reopened today.\n", "p.md", "/c/p.md", isMarkdown: true));

        Assert.Equal("Ports reopen", article.Title);
        Assert.Equal("p.md", article.Id);
    }

    [Fact]
    public void Read_PlainTextWithStandaloneFirstLine_TakesItAsHeadline()
    {
        var text = ArticleFileBuilder.Article().WithParagraph("Japan Cuts Rice Tariffs").WithParagraph("Japan cut rice tariffs on Monday.").Build();

        var article = Success(TextArticleReader.Read(text, "rice.txt", "/c/rice.txt", isMarkdown: false));

        Assert.Equal("Japan Cuts Rice Tariffs", article.Title);
        Assert.Null(article.Source);
        Assert.Null(article.Url);
        Assert.Null(article.Published);
    }

    [Theory]
    [InlineData("Japan cut rice tariffs on Monday.\n\nMore followed.")]
    [InlineData("Japan cut rice tariffs on Monday, officials said\nand more followed on Tuesday.")]
    public void Read_PlainTextStartingWithASentence_HasNoTitle(string text)
    {
        var article = Success(TextArticleReader.Read(text, "rice.txt", "/c/rice.txt", isMarkdown: false));

        Assert.Null(article.Title);
    }

    [Fact]
    public void Read_EmptyFrontMatterFields_StayNull()
    {
        var article = Success(TextArticleReader.Read(File.ReadAllText(SeedCorpus.PathOf(SeedCorpus.DatedFile)), "003.txt", "/c/003.txt", isMarkdown: false));

        Assert.Null(article.Title);
        Assert.Null(article.Source);
        Assert.Null(article.Url);
        Assert.Equal(new DateTimeOffset(2025, 5, 2, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Read_UnclosedFrontMatter_IsReportedAsFailure()
    {
        var result = TextArticleReader.Read("---\ntitle: x\nThe body never closes the front matter.", "bad.txt", "/c/bad.txt", isMarkdown: false);

        Assert.Null(result.Article);
        Assert.Equal("bad.txt", result.Item);
        Assert.Contains("never closed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidYamlFrontMatter_IsReportedAsFailure()
    {
        var result = TextArticleReader.Read("---\ntitle: [unclosed\n---\nBody.", "bad.txt", "/c/bad.txt", isMarkdown: false);

        Assert.Null(result.Article);
        Assert.Contains("YAML", result.Error, StringComparison.Ordinal);
    }

    private static RawArticle Success(ReadResult result)
    {
        Assert.Null(result.Error);
        return Assert.IsType<RawArticle>(result.Article);
    }
}
