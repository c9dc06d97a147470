using TradeBot.Suggestions;

namespace TradeBot.Tests.Bot;

public sealed class QuestionShapesTests
{
    [Theory]
    [InlineData("The European Union extended its steel safeguard quotas for two more years on Sunday.", "What quotas did the European Union extend?")]
    [InlineData("Beijing responded with a 125 percent tariff on U.S. imports.", "How did Beijing respond to the tariff?")]
    [InlineData("China said Friday it is reviewing a U.S. offer to hold talks over tariffs.", "What did China say about the talks?")]
    [InlineData("Since then Trump imposed massive tariffs on Chinese goods.", "What tariffs did Trump impose on Chinese goods?")]
    public void From_SentenceSayingWhoDidWhat_AsksItBack(string sentence, string question) =>
        Assert.Contains(question, QuestionShapes.From(string.Empty, sentence));

    [Theory]
    [InlineData("Markets rallied on Monday as investors cheered.")]
    [InlineData("On Thursday, officials met in Geneva.")]
    public void From_SentenceWithoutATradeMeasure_AsksNothing(string sentence) =>
        Assert.Empty(QuestionShapes.From(string.Empty, sentence));
}
