using TradeBot.Bot;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.Core.Answers;

namespace TradeBot.Tests.Bot;

public sealed class AnswerActivityFactoryTests
{
    private static readonly Answer s_answer = new(
        "What tariff?",
        true,
        "**145%** [1][2]\n\nTrump slapped a 145 percent tariff on Chinese imports. [1][2]",
        [FakeQuestionAnswerer.EvDuties with { Number = 1 }, FakeQuestionAnswerer.ChinaResponse with { Number = 2 }],
        []);

    [Theory]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Directline)]
    public void Create_WebChatWithAdjacentMarkers_KeepsEachMarkerItsOwnLink(string channelId)
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: channelId), s_answer)[0];

        Assert.DoesNotContain("][", reply.Text, StringComparison.Ordinal);
        Assert.Contains("**145%** [1] [2]", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\n[1]: ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\n[2]: ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Teams_KeepsMarkersAsTheAnswerWroteThem()
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: Channels.Msteams), s_answer)[0];

        Assert.StartsWith("**145%** [1][2]", reply.Text, StringComparison.Ordinal);
    }
}
