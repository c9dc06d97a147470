using TradeBot.Bot;
using TradeBot.Core.Answers;

namespace TradeBot.Tests.Bot;

public sealed class AnswerLayoutTests
{
    [Fact]
    public void ClaimsAsList_SeveralClaims_OneItemEachWithItsMarkers()
    {
        var text = "**145%** [1][2]\n\nChina said it is reviewing a U.S. offer. [1] China retaliated with 125% duties. [1][2] “We will not bow,” the ministry said. [2]";

        var laid = AnswerLayout.ClaimsAsList(text);

        Assert.Equal("**145%** [1][2]\n\n- China said it is reviewing a U.S. offer. [1]\n- China retaliated with 125% duties. [1][2]\n- “We will not bow,” the ministry said. [2]", laid);
    }

    [Theory]
    [InlineData("The EU imposed duties of up to 37.6% [1].")]
    [InlineData("I couldn't find an answer to that in the news articles I have, so I won't guess.")]
    [InlineData("Duties of 25% [1], and quotas [2], were extended.")]
    public void ClaimsAsList_OneClaimOrNoMarkers_Unchanged(string text) => Assert.Equal(text, AnswerLayout.ClaimsAsList(text));
}

public sealed class CitationNamesTests
{
    private static readonly DateTimeOffset s_may2 = new(2025, 5, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_TwoSourcesWithTheSameTitle_ToldApartByOutletAndDate()
    {
        var names = CitationNames.For(
        [
            new Citation(1, "a", "China open to tariff talks", "Reuters", s_may2, null, "q"),
            new Citation(2, "b", "China open to tariff talks", "AP", s_may2.AddDays(1), null, "q"),
            new Citation(3, "c", "Other story", "AP", s_may2, null, "q"),
        ]);

        Assert.Equal("China open to tariff talks (Reuters, 2 May 2025)", names[1]);
        Assert.Equal("China open to tariff talks (AP, 3 May 2025)", names[2]);
        Assert.Equal("Other story", names[3]);
    }

    [Fact]
    public void For_SameTitleOutletAndDate_ToldApartByArticleId()
    {
        var names = CitationNames.For(
        [
            new Citation(1, "a-1", string.Empty, "Reuters", s_may2, null, "q"),
            new Citation(2, "b-2", string.Empty, "Reuters", s_may2, null, "q"),
        ]);

        Assert.Equal(["Reuters, 2 May 2025 (a-1)", "Reuters, 2 May 2025 (b-2)"], names.OrderBy(n => n.Key).Select(n => n.Value));
    }
}
