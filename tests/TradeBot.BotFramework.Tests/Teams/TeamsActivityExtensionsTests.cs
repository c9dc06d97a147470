using System.Text.Json;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;

namespace TradeBot.BotFramework.Tests.Teams;

public sealed class TeamsActivityExtensionsTests
{
    [Fact]
    public void RemoveRecipientMention_ChannelMessage_LeavesOnlyTheQuestion()
    {
        var activity = Mentioning("<at>TradeBot</at> What did   the EU decide?", "28:bot", "<at>TradeBot</at>");

        Assert.Equal("What did the EU decide?", activity.RemoveRecipientMention());
        Assert.True(activity.MentionsRecipient());
    }

    [Fact]
    public void RemoveRecipientMention_MentionWithoutText_RemovesAtTagByName()
    {
        var activity = Mentioning("Hi <at>TradeBot</at>, tariffs on steel?", "28:bot", null);

        Assert.Equal("Hi , tariffs on steel?", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_OtherPersonMentioned_KeepsTheirName()
    {
        var activity = Mentioning("<at>Grace</at> asked about duties", "29:grace", "<at>Grace</at>");

        Assert.Equal("Grace asked about duties", activity.RemoveRecipientMention());
        Assert.False(activity.MentionsRecipient());
    }

    [Theory]
    [InlineData("personal", null, false)]
    [InlineData("groupChat", null, true)]
    [InlineData("channel", null, true)]
    [InlineData(null, true, true)]
    public void IsGroupConversation_ConversationKinds_RecognisesGroups(string? conversationType, bool? isGroup, bool expected)
    {
        var activity = new Activity { Conversation = new ConversationAccount { Id = "c", ConversationType = conversationType, IsGroup = isGroup } };

        Assert.Equal(expected, activity.IsGroupConversation());
    }

    private static Activity Mentioning(string text, string mentionedId, string? mentionText)
    {
        var entity = new Dictionary<string, object?>
        {
            ["type"] = "mention",
            ["mentioned"] = new { id = mentionedId, name = mentionedId == "28:bot" ? "TradeBot" : "Grace" },
        };
        if (mentionText is not null)
        {
            entity["text"] = mentionText;
        }

        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            Recipient = new ChannelAccount("28:bot", "TradeBot"),
            Entities = [JsonSerializer.SerializeToElement(entity).Deserialize<Entity>(ActivitySerializer.Options)!],
        };
    }
}
