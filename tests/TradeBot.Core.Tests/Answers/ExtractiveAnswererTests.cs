using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Answers;

public sealed class ExtractiveAnswererTests(SeedStoreFixture seeds) : IClassFixture<SeedStoreFixture>
{
    public static TheoryData<string> AnsweredQuestions => new()
    {
        "What tariff did the US impose on Chinese imports?",
        "How did China respond to the tariffs?",
        "Are the US and China holding trade talks?",
        "What did Scott Bessent say?",
        "Which products could be exempt from retaliatory tariffs?",
        "What did Ja-Ian Chong say about the talks?",
        "What happened to duty-free exemptions on small shipments?",
        "What did Xi Jinping call on officials to do?",
    };

    [Fact]
    public async Task AnswerAsync_TariffOnChineseImports_Gives145AndCitesBothSeedArticles()
    {
        var answer = await seeds.Host.AskAsync("What tariff did the US impose on Chinese imports?");

        Assert.True(answer.Answered, answer.Text);
        Assert.True(answer.Text.StartsWith("**145%**", StringComparison.Ordinal) || answer.Text.Contains("145", StringComparison.Ordinal), answer.Text);
        Assert.Equal(
            [SeedCorpus.UndatedFile, SeedCorpus.DatedFile],
            answer.Citations.Select(c => c.ArticleId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_Citations_AreNumberedInOrderAndMarkedInTheText()
    {
        var answer = await seeds.Host.AskAsync("What tariff did the US impose on Chinese imports?");

        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.Number));
        Assert.All(answer.Citations, c => Assert.Contains($"[{c.Number}]", answer.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_CitationsOfSeeds_CarryTheirMetadataAndInventNone()
    {
        var citations = new List<TradeBot.Core.Answers.Citation>();
        foreach (var question in AnsweredQuestions)
        {
            citations.AddRange((await seeds.Host.AskAsync(question)).Citations);
        }

        Assert.Equal([SeedCorpus.UndatedFile, SeedCorpus.DatedFile], citations.Select(c => c.ArticleId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(citations, c => Assert.Equal(string.Empty, c.Source));
        Assert.All(citations, c => Assert.Null(c.Url));
        Assert.All(citations.Where(c => c.ArticleId == SeedCorpus.DatedFile), c => Assert.Equal(new DateTimeOffset(2025, 5, 2, 0, 0, 0, TimeSpan.Zero), c.Published));
        Assert.All(citations.Where(c => c.ArticleId == SeedCorpus.UndatedFile), c => Assert.Null(c.Published));
        Assert.All(citations.Where(c => c.ArticleId == SeedCorpus.UndatedFile), c => Assert.Equal("China Open to U.S. Tariff Talks, But Slams “Extortion” Tactics", c.Title));
    }

    [Fact]
    public async Task AnswerAsync_MisspelledTariffs_StillAnswersWith145()
    {
        var answer = await seeds.Host.AskAsync("What tarrifs did the US impose on Chinese imports?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("145", answer.Text, StringComparison.Ordinal);
        Assert.Null(await seeds.Host.Judge.CitationFailureAsync(answer));
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("How do I bake sourdough bread?")]
    [InlineData("Who won the football world cup in 2018?")]
    [InlineData("What tariffs has the US placed on Canadian steel?")]
    public async Task AnswerAsync_UnrelatedQuestion_DeclinesAndCitesNothing(string question)
    {
        var answer = await seeds.Host.AskAsync(question);

        Assert.False(answer.Answered, answer.Text);
        Assert.Empty(answer.Citations);
        Assert.DoesNotContain("[1]", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_FollowUp_UsesTheEarlierQuestion()
    {
        var answer = await seeds.Host.AskAsync("What tariff did the US impose on Chinese imports?", "And what did China do in response?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("125", answer.Text, StringComparison.Ordinal);
        // The claim that answers the follow-up itself comes first, not one that only repeats the earlier question's terms.
        Assert.Contains("125", answer.Text.Split("[")[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AnsweredQuestions))]
    public async Task AnswerAsync_AnyAnsweredQuestion_EveryCitedQuoteStandsInTheCitedArticle(string question)
    {
        var answer = await seeds.Host.AskAsync(question);

        Assert.True(answer.Answered, $"{question}: {answer.Text}");
        Assert.NotEmpty(answer.Citations);
        Assert.Null(await seeds.Host.Judge.CitationFailureAsync(answer));
    }
}
