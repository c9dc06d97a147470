using TradeBot.Core.Retrieval;
using TradeBot.Core.Stores;
using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Retrieval;

public sealed class QuestionAnalyzerTests
{
    private static readonly TermStatistics Corpus = StatisticsOf(
        "U.S. wine exports rose in 1986, the Wine Institute said.",
        "NATO ministers met in Brussels on Monday to discuss the Philippines.",
        "Japan cut rice imports in October.",
        "The Philippines sugar quota was cut.");

    [Theory]
    [InlineData("U.S.")]
    [InlineData("US")]
    [InlineData("United States")]
    [InlineData("the States")]
    [InlineData("USA")]
    public void Terms_EveryWayOfWritingTheUnitedStates_IsOneTerm(string name) =>
        Assert.Contains("us", TextAnalyzer.Terms($"exports to {name} rose"));

    [Fact]
    public void Terms_DottedAbbreviations_KeepTheirLetters() => Assert.Contains("ec", TextAnalyzer.Terms("The E.C. said"));

    [Fact]
    public void Analyze_MonthWeekdayAndFirstWord_AreNotNames()
    {
        var terms = QuestionAnalyzer.Analyze("Tariffs on Japan's rice imports in October, said on Monday?", Corpus);

        Assert.DoesNotContain(terms, t => t.Term == "octob");
        Assert.DoesNotContain(terms, t => t.IsName && t.Term == "tariff");
        Assert.Contains(terms, t => t.IsName && t.Term == "japan");
    }

    [Fact]
    public void Analyze_AcronymInThePlural_IsNotANameButTheSingularIs()
    {
        var plural = QuestionAnalyzer.Analyze("What did NATO MPs say?", Corpus);

        Assert.Contains(plural, t => !t.IsName && t.Term == "mp");
        Assert.Contains(plural, t => t.IsName && t.Term == "nato");
    }

    [Theory]
    [InlineData("What did Japan's makers sell?")]
    [InlineData("What did Japan’s makers sell?")]
    [InlineData("What did Japan' makers sell?")]
    public void Analyze_PossessiveName_HasTheAliasesOfTheName(string question)
    {
        var japan = Assert.Single(QuestionAnalyzer.Analyze(question, Corpus), t => t.Term == "japan");

        Assert.Contains("japanes", japan.Strong);
    }

    [Theory]
    [InlineData("What did Washington say about Tokyo's chips?", "washington", "us")]
    [InlineData("What did Washington say about Tokyo's chips?", "tokyo", "japan")]
    [InlineData("Why did Moscow sell mercury?", "moscow", "soviet")]
    [InlineData("What did Brussels list?", "brussel", "ec")]
    [InlineData("Did American sanctions hurt?", "american", "us")]
    public void Analyze_NameNewsUsesForAGovernmentOrCountry_HasItsOtherNames(string question, string name, string alias)
    {
        var term = Assert.Single(QuestionAnalyzer.Analyze(question, Corpus), t => t.Term == name);

        Assert.True(term.IsName);
        Assert.Contains(alias, term.Strong);
    }

    [Fact]
    public void Analyze_LowerCaseWordSpeltLikeAName_GetsNoNameAliases()
    {
        var turkey = Assert.Single(QuestionAnalyzer.Analyze("Who exports frozen turkey meat?", Corpus), t => t.Term == "turkei");

        Assert.False(turkey.IsName);
        Assert.DoesNotContain("ankara", turkey.Strong);
    }

    [Fact]
    public void Analyze_UnknownAcronym_IsNotCorrectedIntoAnotherOne()
    {
        var nafta = Assert.Single(QuestionAnalyzer.Analyze("What did NAFTA decide?", Corpus), t => t.CorrectedFrom is not null || t.Term == "nafta");

        Assert.Equal("nafta", nafta.Term);
        Assert.True(nafta.IsName);
    }

    [Fact]
    public void Analyze_LongMisspeltName_IsCorrected()
    {
        var terms = QuestionAnalyzer.Analyze("What did the Phillipines say?", Corpus);

        Assert.Contains(terms, t => t.CorrectedFrom == "phillipin");
    }

    [Fact]
    public void Analyze_NameOnlyOneArticleSpellsSo_AlsoCountsTheCommonSpelling()
    {
        var corpus = StatisticsOf("The Phillipines sugar quota was cut.", "The Philippines sugar quota.", "Philippines exports rose.");

        var name = Assert.Single(QuestionAnalyzer.Analyze("How big is the Phillipines' sugar quota?", corpus), t => t.IsName);

        Assert.Equal("phillipin", name.Term);
        Assert.Contains("philippin", name.Strong);
    }

    [Fact]
    public void Analyze_NameSeveralArticlesUse_IsNotReadAsAnotherSpelling()
    {
        var corpus = StatisticsOf("Austria cut tariffs.", "Austria exports rose.", "Australia exports rose.", "Australia cut tariffs.");

        var name = Assert.Single(QuestionAnalyzer.Analyze("What did Austria cut?", corpus), t => t.IsName);

        Assert.DoesNotContain("australia", name.Strong);
    }

    private static TermStatistics StatisticsOf(params string[] passages)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            foreach (var term in TextAnalyzer.Terms(passage).Distinct(StringComparer.Ordinal))
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
            }
        }
        return new TermStatistics(passages.Length, frequencies);
    }
}
