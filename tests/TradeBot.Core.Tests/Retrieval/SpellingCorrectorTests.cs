using TradeBot.Core.Retrieval;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Tests.Retrieval;

public sealed class SpellingCorrectorTests
{
    private static readonly TermStatistics s_statistics = new(100, new Dictionary<string, int>
    {
        ["tariff"] = 40,
        ["traffic"] = 3,
        ["china"] = 50,
        ["negoti"] = 12,
        ["rare"] = 1,
    });

    [Theory]
    [InlineData("tarrif", "tariff")]
    [InlineData("tarif", "tariff")]
    [InlineData("tairff", "tariff")]
    [InlineData("chnia", "china")]
    [InlineData("negotti", "negoti")]
    public void Correct_MisspelledTerm_GivesTheCorpusTerm(string misspelled, string expected)
    {
        Assert.Equal(expected, SpellingCorrector.Correct(misspelled, s_statistics));
    }

    [Fact]
    public void Correct_AnalysedTarrifs_GivesTariff()
    {
        var analysed = Assert.Single(TradeBot.Core.Text.TextAnalyzer.Terms("tarrifs"));

        Assert.Equal("tariff", SpellingCorrector.Correct(analysed, s_statistics));
    }

    [Theory]
    [InlineData("bread")]
    [InlineData("xyzzy")]
    [InlineData("rar")]
    [InlineData("145")]
    public void Correct_NothingClose_GivesNull(string term)
    {
        Assert.Null(SpellingCorrector.Correct(term, s_statistics));
    }

    [Fact]
    public void Correct_CandidateSeenOnce_IsNotUsed()
    {
        Assert.Null(SpellingCorrector.Correct("rarr", s_statistics));
    }

    [Theory]
    [InlineData("tariff", "tariff", 0)]
    [InlineData("tarrif", "tariff", 2)]
    [InlineData("tairff", "tariff", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_Pairs_IsOptimalStringAlignment(string a, string b, int expected)
    {
        Assert.Equal(expected, SpellingCorrector.Distance(a, b, limit: 5));
    }
}
