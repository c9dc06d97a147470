using TradeBot.Core.Retrieval;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Answers;

/// <summary>How questions are read and answered, each rule on a small corpus of its own.</summary>
public sealed class AnswerRulesTests : IDisposable
{
    private static readonly (string Name, string Text) RiceArticle =
        ("rice.txt", "---\npublished: 1987-03-12\n---\nJapan agreed to cut its rice import quota by ten pct, the farm ministry said.");

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Answer_FigureQuestionWithOneCandidateSentence_LeadsWithTheFigure()
    {
        using var host = await HostWithAsync(("bikes.txt", "Ruritania imposed a 15% tariff on imported bicycles."));

        var answer = await host.AskAsync("What tariff did Ruritania impose on bicycles?");

        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("**15%**", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_QuestionSaysUsArticleSaysUDotS_IsAnswered()
    {
        using var host = await HostWithAsync(
            ("wine.txt", "U.S. wine exports rose 14.9 pct in 1986 to a record 35 mln dlrs, the Wine Institute said."),
            ("corn.txt", "Corn prices fell sharply in Chicago as farmers sold their crops ahead of the harvest."));

        var answer = await host.AskAsync("How much did US wine exports grow in 1986?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("14.9 pct", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_MonthNameInQuestion_IsADateNotANameTheArticleMustContain()
    {
        using var host = await HostWithAsync(RiceArticle);

        var answer = await host.AskAsync("What did Japan agree on rice imports in March 1987?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("ten pct", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_MonthTheDatedArticlesDoNotCover_IsDeclined()
    {
        using var host = await HostWithAsync(RiceArticle);

        var answer = await host.AskAsync("What did Japan agree on rice imports in October 1987?");

        Assert.False(answer.Answered, answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task Answer_NameNoArticleMentions_IsDeclinedNotCorrectedIntoAnotherName()
    {
        using var host = await HostWithAsync(
            ("nato.txt", "NATO ministers discussed the tariff dispute over steel imports at their meeting."));

        var answer = await host.AskAsync("What did NAFTA say about the steel tariff dispute?");

        Assert.False(answer.Answered, answer.Text);
    }

    [Theory]
    [InlineData("He said the United States would retaliate against the quotas on semiconductors.", "He said the United States would retaliate")]
    [InlineData("\"The United States would retaliate against the quotas on semiconductors,\" he said.", "semiconductors,\" he said")]
    public async Task Answer_SentenceWhoseSpeakerIsAPronoun_IsQuotedWithTheSentenceThatSaysWho(string said, string quoted)
    {
        using var host = await HostWithAsync(("yeutter.txt", $"Trade Representative Clayton Yeutter spoke to reporters in Geneva on Monday. {said}"));

        var answer = await host.AskAsync("Would the United States retaliate against the semiconductor quotas?");

        Assert.True(answer.Answered, answer.Text);
        var quote = Assert.Single(answer.Citations).Quote;
        Assert.StartsWith("Trade Representative Clayton Yeutter spoke", quote, StringComparison.Ordinal);
        Assert.Contains(quoted, quote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_OtherArticleSharingWordsButNotTheFact_IsNotCited()
    {
        using var host = await HostWithAsync(
            ("a.txt", "Ruritania raised its tariff on imported steel to 25 pct from 10 pct on Monday."),
            ("b.txt", "Ruritania said its tariff on imported steel would be reviewed by parliament next year."));

        var answer = await host.AskAsync("How high is Ruritania's tariff on imported steel?");

        Assert.True(answer.Answered, answer.Text);
        var lead = answer.Text[..answer.Text.IndexOf('\n', StringComparison.Ordinal)];
        Assert.Equal("**25 pct** [1]", lead);
        Assert.Equal("a.txt", answer.Citations.Single(c => c.Number == 1).ArticleId);
    }

    [Fact]
    public async Task Answer_OnlySentenceOnTheTopicSpeaksOfAnotherCountry_IsDeclined()
    {
        using var host = await HostWithAsync(
            ("chile.txt", "Chile's copper industry earned a record 14.2 billion dlrs in 2004, the copper commission said."),
            ("peru.txt", "Peru opened new internet centres for farmers in 2004."));

        var answer = await host.AskAsync("How much did Peru's copper industry earn in 2004?");

        Assert.False(answer.Answered, answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Theory]
    [InlineData("Poland says U.S. sanctions have cost its economy 15 billion dlrs.")]
    [InlineData("Talks were held in Warsaw. Poland says the Washington sanctions have cost its economy 15 billion dlrs.")]
    public async Task Answer_SentenceNamesTheCountryAnotherWay_IsAnswered(string text)
    {
        using var host = await HostWithAsync(("poland.txt", text));

        var answer = await host.AskAsync("How much does Warsaw say American sanctions have cost its economy?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("15 billion", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_NameStatedInTheNextSentence_StillCountsForTheSentence()
    {
        using var host = await HostWithAsync(("pta.txt",
            "Fifteen African countries agreed to cut tariffs on regional trade by 10 pct every two years. A statement by the Preferential Trade Area (PTA) said the first cut comes next year."));

        var answer = await host.AskAsync("How fast are the African PTA countries cutting tariffs on trade with each other?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("10 pct", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_HowDidTheyVote_QuotesTheSentenceWithTheCount()
    {
        using var host = await HostWithAsync(("senate.txt",
            "The Senate voted to seek a probe of the Ruritanian corn tariff. By 99 to 0, the Senate went on record against the tariff."));

        var answer = await host.AskAsync("How did the Senate vote on the Ruritanian corn tariff?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("99 to 0", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_SentenceAlsoQuotedWithItsNeighbour_IsOneClaimSaidOnce()
    {
        using var host = await HostWithAsync(("envoy.txt",
            "Ruritania's envoy Jan Novak said he had urged Japan to cut its large trade surplus with Ruritania. "
            + "\"Our central message this week was that while progress came on beef, citrus, tobacco and leather, much more is needed on "
            + "construction, telecommunications, satellites and semiconductors,\" he told a press conference after three days of talks."));

        var answer = await host.AskAsync("What did Ruritania say about Japan's trade surplus?");

        Assert.True(answer.Answered, answer.Text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(answer.Text, "said he had urged Japan"));
    }

    [Fact]
    public async Task Answer_UntilWhen_LeadsWithTheSentenceThatGivesTheDateWhereOnlyItsPassageNamesWhatIsAsked()
    {
        using var host = await HostWithAsync(("deadline.txt",
            "Foreign firms were given an extra year to meet the new listing rules. "
            + "The watchdog extended the deadline until 15 July 2006. "
            + "Many firms had protested that the burden was unfair. "
            + "The rules come from the Ruritania Listing Act, whose section 12 asks foreign companies to comply with its audit standards."));

        var answer = await host.AskAsync("Until when do foreign companies have to comply with section 12 of the Ruritania Listing Act?");

        Assert.True(answer.Answered, answer.Text);
        var date = answer.Text.IndexOf("until 15 July 2006", StringComparison.Ordinal);
        Assert.InRange(date, 0, answer.Text.IndexOf('[', StringComparison.Ordinal)); // in the first claim
    }

    [Fact]
    public async Task Answer_WhatWasTheCountrysSurplus_LeadsWithTheFigure()
    {
        using var host = await HostWithAsync(("surplus.txt",
            "---\npublished: 1987-03-10\n---\nRuritania had a 641 mln crown trade surplus in February, customs figures showed."));

        var answer = await host.AskAsync("What was Ruritania's trade surplus in February 1987?");

        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("**641 mln**", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieve_MonthAndYear_RanksTheMonthsReportThatDoesNotRepeatTheYearFirst()
    {
        using var host = await HostWithAsync(
            ("march.txt", "---\npublished: 1987-04-24\n---\nRuritania's trade surplus in March totalled 136 mln crowns, the central bank said."),
            ("target.txt", "---\npublished: 1987-03-20\n---\nRuritania expects a surplus of 8 billion crowns in 1987, the minister said."),
            ("office.txt", "---\npublished: 1987-03-05\n---\nRuritania's trade ministry opened an office in the capital."));

        var result = await host.Retriever.RetrieveAsync(new RetrievalRequest("What was Ruritania's trade surplus in March 1987?"));

        Assert.Contains("136 mln", result.Passages[0].Passage.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("At what exchange rate did Ruritania's exporters want the crown held?", "**35 to one**")]
    [InlineData("What yen rate did Ruritania's trade paper say the dollar should be worth?", "**170 yen**")]
    public async Task Answer_ExchangeRateQuestion_LeadsWithTheRateNotAPercentageOrACount(string question, string lead)
    {
        using var host = await HostWithAsync(
            ("crown.txt", "Ruritania's exporters, speaking for 19 associations, wanted the crown held at an exchange rate of 35 to one U.S. dollar after its 14 pct rise."),
            ("paper.txt", "Ruritania's trade paper said the dollar should be worth more than 170 yen, up 12 pct from today."));

        var answer = await host.AskAsync(question);

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_FigureTheArticlesGiveOnlyForAnotherMonth_IsDeclined()
    {
        using var host = await HostWithAsync(("surplus.txt",
            "---\npublished: 1987-04-05\n---\nRuritania had a 641 mln crown trade surplus in February, customs figures showed. "
            + "The central bank said it would limit credits on the money market from March 30."));

        var answer = await host.AskAsync("What was Ruritania's trade surplus in March 1987?");

        Assert.False(answer.Answered, answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Theory]
    [InlineData("1986", true)]
    [InlineData("1987", false)]
    public async Task Answer_FigureTheArticlesGiveOnlyForAnotherYear_IsDeclinedForTheYearTheyDoNotGive(string year, bool answered)
    {
        using var host = await HostWithAsync(
            ("wine.txt", "---\npublished: 1987-03-03\n---\nRuritania's wine exports showed growth of 14.9 pct last year, the Wine Institute said."),
            ("economy.txt", "---\npublished: 1987-05-01\n---\nRuritania's exports will grow 3.2 pct this year, the finance ministry said."));

        var answer = await host.AskAsync($"How much did Ruritania's wine exports grow in {year}?");

        Assert.Equal(answered, answer.Answered);
        Assert.Equal(answered, answer.Text.Contains("14.9 pct", StringComparison.Ordinal));
        Assert.DoesNotContain("3.2 pct", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_PronounSentenceThatOpensAPassage_IsQuotedOnlyWithTheSentenceThatSaysWho()
    {
        // Passages overlap by one sentence: the "It" sentence closes the first passage, after the one that says who,
        // and opens the second, which covers more of the question.
        using var host = await HostWithAsync(
            ("ruritel.txt", "---\ntitle: Ruritel results\n---\nRuritel's shop number 1 in the capital opened for longer hours during the holidays. Ruritel's shop number 2 in the capital opened for longer hours during the holidays. Ruritel's shop number 3 in the capital opened for longer hours during the holidays. Ruritel's shop number 4 in the capital opened for longer hours during the holidays. Ruritel's shop number 5 in the capital opened for longer hours during the holidays. Ruritel's shop number 6 in the capital opened for longer hours during the holidays. Its internet arm Webco Online had a weak time. "
                + "It lost 464,000 subscribers in the fourth quarter. Ruritel subscribers in the fourth quarter fell as rivals cut prices. "
                + "Fourth quarter subscriber numbers are counted at the end of December."));

        var answer = await host.AskAsync("How many subscribers did Ruritel lose in the fourth quarter?");

        Assert.True(answer.Answered);
        Assert.Contains("Webco Online had a weak time. It lost 464,000", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the US fall", "**17 pct**")]
    [InlineData("the EC rise", "**30 pct**")]
    public async Task Answer_SentenceWithFiguresForSeveralCountries_LeadsWithTheFigureOfTheQuestionsCountry(string where, string lead)
    {
        using var host = await HostWithAsync(
            ("cars.txt", "---\npublished: 1987-03-10\n---\nRuritanian car exports to the EC jumped 30 pct compared to a drop of 17 pct in U.S. sales."));

        var answer = await host.AskAsync($"How much did Ruritania's car exports to {where}?");

        Assert.StartsWith(lead, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How many jobs is Ruritel cutting?", false)]
    [InlineData("How many subscribers does Ruritel have?", true)]
    [InlineData("How many factories will Ruritel close?", true)]
    public async Task Answer_CountQuestion_IsDeclinedWhenNoPassageCountsTheThingAsked(string question, bool answered)
    {
        using var host = await HostWithAsync(
            ("ruritel.txt", "---\npublished: 2005-02-03\n---\nRuritel, the telecoms firm, has 16.3 million subscribers after a strong fourth quarter. "
                + "Ruritel will close 5 plants as cutting costs lifts its profits."));

        var answer = await host.AskAsync(question);

        Assert.Equal(answered, answer.Answered);
    }

    [Fact]
    public async Task Answer_UndatedArticleSentenceNamingNoTime_DoesNotCountAsAnotherTime()
    {
        using var host = await HostWithAsync(
            ("growth.txt", "Ruritania's economy has expanded by a breakneck 9.5% during 2004, faster than predicted."),
            ("outlook.txt", "Growth in Ruritania's economy remains at a breakneck 9.1%, and investment is growing fast. Forecasts for 2005 are lower."));

        var answer = await host.AskAsync("How much did Ruritania's economy grow in 2004?");

        Assert.True(answer.Answered);
        Assert.StartsWith("**9.5%**", answer.Text.Replace("\\", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("telecoms", true)]
    [InlineData("insurance", false)]
    public async Task Answer_ArticlesSayTheQuestionsPhraseOfAnotherThing_IsDeclined(string sector, bool answered)
    {
        using var host = await HostWithAsync(
            ("telecoms.txt", "---\npublished: 2005-02-03\n---\nRuritania has raised the limit for foreign direct investment in telecoms companies from 49% to 74%."),
            ("construction.txt", "---\npublished: 2005-03-01\n---\nRuritania has cleared a proposal allowing more foreign investment in its building sector."),
            ("insurers.txt", "---\npublished: 2005-04-01\n---\nRuritania's insurance market grew as households bought more policies."));

        var answer = await host.AskAsync($"What cap has Ruritania set on foreign investment in {sector} companies?");

        Assert.Equal(answered, answer.Answered);
        Assert.Equal(answered, answer.Text.Contains("74%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answer_ArticlesSayTheQuestionsPhraseWithARelatedWord_IsAnswered()
    {
        using var host = await HostWithAsync(
            ("unions.txt", "---\npublished: 2005-02-03\n---\nRuritanian labour unions won a 5% pay rise after a week of strikes."));

        var answer = await host.AskAsync("What pay rise did Ruritanian work unions win?");

        Assert.True(answer.Answered);
        Assert.Contains("5%", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Borduvian labour unions", false)]
    [InlineData("the Borduvian government", true)]
    [InlineData("the Borduvian administration", true)]
    [InlineData("the cabinet", true)]
    public async Task Answer_ArticlesSaySomeoneElseDidWhatIsAsked_IsDeclined(string agent, bool answered)
    {
        using var host = await HostWithAsync(
            ("ban.txt", "---\npublished: 1987-06-02\n---\nRuritania today welcomed the end of a trade ban imposed by "
                + agent + " in support of its ousted prime minister Jone Tavaki. The government welcomed the decision to lift the ban on Borduvian "
                + "shipments to Ruritania, imposed after a military coup in May."));

        var answer = await host.AskAsync("What sanctions did the Borduvian government impose on Ruritania after the coup?");

        Assert.Equal(answered, answer.Answered);
    }

    [Fact]
    public async Task Answer_ArticlesSayTheThingAskedDoneByTheDoerInOtherWords_IsAnswered()
    {
        using var host = await HostWithAsync(
            ("fares.txt", "---\npublished: 1987-06-02\n---\nLower fares have been offered by Borduvian carriers since domestic services "
                + "were deregulated in 1984, the airline said."));

        var answer = await host.AskAsync("What fares have Borduvian airlines offered since deregulation?");

        Assert.True(answer.Answered);
    }

    private async Task<CorpusHost> HostWithAsync(params (string Name, string Text)[] files)
    {
        foreach (var (name, text) in files)
        {
            _temp.WriteText($"corpus/{name}", text);
        }
        var host = new CorpusHost(_temp.Path);
        await host.Synchronizer.SyncAsync([Path.Combine(_temp.Path, "corpus")]);
        return host;
    }
}
