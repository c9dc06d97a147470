using TradeBot.Core.Retrieval;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Retrieval;

public sealed class PassageRetrieverTests(SeedStoreFixture seeds) : IClassFixture<SeedStoreFixture>
{
    // Both seed articles quote Bessent's words to Fox Business.
    private const string BothArticlesQuestion = "What did Bessent tell Fox Business about the need to de-escalate?";

    [Fact]
    public void SeedStore_IngestedBothArticles()
    {
        Assert.Equal(2, seeds.Report.Added);
        Assert.Empty(seeds.Report.Failures);
    }

    [Fact]
    public async Task RetrieveAsync_TariffQuestion_FindsTariffPassagesOfBothArticles()
    {
        var result = await seeds.Host.Retriever.RetrieveAsync(new RetrievalRequest("What tariff did the US impose on Chinese imports?"));

        Assert.NotEmpty(result.Passages);
        Assert.Contains(result.Passages, p => p.Passage.ArticleId == SeedCorpus.UndatedFile);
        Assert.Contains(result.Passages, p => p.Passage.ArticleId == SeedCorpus.DatedFile);
        // "duties" is WordNet's synonym of "tariff", and counts as one.
        Assert.All(result.Passages, p => Assert.Matches("(?i)tariff|dut(y|ies)", p.Passage.Text));
    }

    [Fact]
    public async Task RetrieveAsync_MisspelledTarrifs_IsCorrectedAndFindsTariffPassages()
    {
        var result = await seeds.Host.Retriever.RetrieveAsync(new RetrievalRequest("tarrifs on Chinese imports"));

        Assert.Contains(result.Terms, t => t.Term == "tariff" && t.CorrectedFrom == "tarrif");
        Assert.NotEmpty(result.Passages);
        Assert.Contains("tariff", result.Passages[0].Passage.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RetrieveAsync_UnrelatedQuestion_FindsNothing()
    {
        var result = await seeds.Host.Retriever.RetrieveAsync(new RetrievalRequest("What is the capital of France?"));

        Assert.Empty(result.Passages);
    }

    [Fact]
    public async Task RetrieveAsync_FromAfterBothArticles_FindsNothingOfTheDatedArticle()
    {
        var unfiltered = await seeds.Host.Retriever.RetrieveAsync(new RetrievalRequest(BothArticlesQuestion));
        var from = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var result = await seeds.Host.Retriever.RetrieveAsync(new RetrievalRequest(BothArticlesQuestion, From: from));

        Assert.Contains(unfiltered.Passages, p => p.Passage.ArticleId == SeedCorpus.DatedFile);
        Assert.DoesNotContain(result.Passages, p => p.Passage.ArticleId == SeedCorpus.DatedFile);
        Assert.All(result.Passages, p => Assert.True(p.Passage.Published >= from));
    }

    [Fact]
    public async Task RetrieveAsync_RangeAroundDatedArticle_FindsOnlyIt()
    {
        var request = new RetrievalRequest(
            BothArticlesQuestion,
            From: new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero),
            To: new DateTimeOffset(2025, 5, 3, 0, 0, 0, TimeSpan.Zero));

        var result = await seeds.Host.Retriever.RetrieveAsync(request);

        Assert.NotEmpty(result.Passages);
        Assert.All(result.Passages, p => Assert.Equal(SeedCorpus.DatedFile, p.Passage.ArticleId));
    }

    [Fact]
    public async Task RetrieveAsync_OutletThatNoArticleHas_FindsNothing()
    {
        var result = await seeds.Host.Retriever.RetrieveAsync(new RetrievalRequest(BothArticlesQuestion, Sources: ["Reuters"]));

        Assert.Empty(result.Passages);
    }

    [Fact]
    public async Task RetrieveAsync_AnyQuestion_RespectsTopAndArticleCap()
    {
        var result = await seeds.Host.Retriever.RetrieveAsync(new RetrievalRequest("China tariffs talks Beijing Trump", Top: 3));

        Assert.InRange(result.Passages.Count, 1, 3);
        Assert.All(result.Passages.GroupBy(p => p.Passage.ArticleId), g => Assert.InRange(g.Count(), 1, new RetrievalOptions().MaxPassagesPerArticle));
    }
}
