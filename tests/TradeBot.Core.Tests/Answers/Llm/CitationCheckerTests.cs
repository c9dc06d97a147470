using TradeBot.Core.Answers.Llm;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Tests.Answers.Llm;

public sealed class CitationCheckerTests
{
    private static readonly IReadOnlyList<NumberedSource> Sources = NumberedSource.From(
    [
        Passage("a", 0, "The US raised tariffs to 145% on Thursday. Importers were worried."),
        Passage("b", 0, "China answered with 125% duties. Beijing said it would fight."),
        Passage("a", 1, "Toy prices are expected to rise sharply."),
    ], max: 6);

    [Fact]
    public void From_PassagesOfOneArticle_ShareOneNumber()
    {
        Assert.Equal(2, Sources.Count);
        Assert.Equal(["a", "a"], Sources[0].Passages.Select(p => p.ArticleId));
    }

    [Fact]
    public void Check_MarkersInAndOutOfRange_KeepsOnlyThoseOfSourcesGiven()
    {
        var result = CitationChecker.Check("Tariffs hit 145% [1, 3]. China replied [0]. Toys cost more [1][2][5].", Sources);

        Assert.Equal("Tariffs hit 145% [1]. China replied. Toys cost more [1][2].", result.Text);
        Assert.Equal(3, result.RemovedMarkers);
        Assert.Equal([1, 2], result.Citations.Select(c => c.Number));
    }

    [Fact]
    public void Check_Quote_IsTheSentenceOfTheCitedArticleThatBestMatchesTheClaim()
    {
        var result = CitationChecker.Check("Toy prices should rise sharply [1]. Tariffs reached 145% [1]. Beijing vowed to fight [2].", Sources);

        Assert.Equal("Toy prices are expected to rise sharply. … The US raised tariffs to 145% on Thursday.", result.Citations[0].Quote);
        Assert.Equal("Beijing said it would fight.", result.Citations[1].Quote);
    }

    [Fact]
    public void Check_MarkerAfterTheFullStop_QuotesForThePreviousSentence()
    {
        var result = CitationChecker.Check("China answered with duties. [2]", Sources);

        Assert.Equal("China answered with 125% duties.", Assert.Single(result.Citations).Quote);
    }

    [Fact]
    public void Check_NoValidMarker_IsNotCited()
    {
        var result = CitationChecker.Check("PWNED [4]", Sources);

        Assert.False(result.IsCited);
        Assert.Equal("PWNED", result.Text);
    }

    private static PassageRecord Passage(string articleId, int ordinal, string text) =>
        new() { ArticleId = articleId, Ordinal = ordinal, Text = text, Title = "Title " + articleId, Source = "Wire" };
}
