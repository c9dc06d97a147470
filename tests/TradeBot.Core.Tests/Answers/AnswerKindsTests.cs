using TradeBot.Core.Answers;

namespace TradeBot.Core.Tests.Answers;

public sealed class AnswerKindsTests
{
    [Theory]
    [InlineData("What percentage tariff does China charge?", "China charges 125% on US goods.", "125%")]
    [InlineData("How many trade hurdles did Brussels list?", "The March 16 report lists more than 30 obstacles.", "30")]
    [InlineData("How much did the IMF earn?", "In 1987 the IMF earned 16.6 bln dlrs.", "16.6 bln")]
    public void Figure_IsTheKindOfNumberAsked(string question, string sentence, string expected)
    {
        var kinds = AnswerKinds.Of(question);

        Assert.NotNull(kinds.Figure);
        Assert.Equal(expected, kinds.Figure.Match(sentence).Value.Trim());
    }

    [Theory]
    [InlineData("Which countries lost duty-free trade benefits under the GSP?", false)]
    [InlineData("What share of exports goes to Japan?", true)]
    [InlineData("Which goods face a tariff?", false)]
    public void Of_ItemsAskedBeforeAFigureWord_AsksForTheItems(string question, bool asksFigure)
    {
        var kinds = AnswerKinds.Of(question);

        Assert.Equal(asksFigure, kinds.Figure is not null);
        Assert.Equal(!asksFigure, kinds.Items);
    }

    [Fact]
    public void Of_WhenAndWhere_AsksForTwoThings()
    {
        var kinds = AnswerKinds.Of("When and where was GATT due to examine Japan's curbs?");

        Assert.Equal(2, kinds.Count);
        Assert.Equal(1, kinds.GivenBy("The probe begins on May 7.", "When and where was GATT due to examine Japan's curbs?"));
        Assert.Equal(2, kinds.GivenBy("The probe begins on May 7 in Geneva.", "When and where was GATT due to examine Japan's curbs?"));
    }

    [Fact]
    public void GivenBy_Why_WantsAReason()
    {
        var kinds = AnswerKinds.Of("Why did Ecuador run a trade deficit?");

        Assert.True(kinds.Reason);
        Assert.Equal(0, kinds.GivenBy("Ecuador posted a trade deficit.", "Why did Ecuador run a trade deficit?"));
        Assert.Equal(1, kinds.GivenBy("Exports fell because of the earthquake.", "Why did Ecuador run a trade deficit?"));
    }

    [Fact]
    public void GivenBy_WhichCompanies_WantsNamesTheQuestionDoesNotGive()
    {
        const string question = "Which companies handle India's countertrade deals?";
        var kinds = AnswerKinds.Of(question);

        Assert.Equal(0, kinds.GivenBy("Countertrade deals in India are growing.", question));
        Assert.Equal(1, kinds.GivenBy("Most deals are handled by the State Trading Corp of India.", question));
    }

    [Fact]
    public void GivenBy_HowDidTheyVote_WantsTheCount()
    {
        const string question = "How did the full Senate vote on it?";
        var kinds = AnswerKinds.Of(question);

        Assert.True(kinds.Vote);
        Assert.Equal(0, kinds.GivenBy("The Senate voted to seek a probe of the corn tariff.", question));
        Assert.Equal(1, kinds.GivenBy("By 99 to 0, the Senate went on record against the tariff.", question));
        Assert.Equal(1, kinds.GivenBy("The bill passed with 230 votes.", question));
    }
}
