using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>Builds inbound activities as a channel would send them.</summary>
internal static class TestActivities
{
    public static Activity Of(string type, Uri? serviceUrl, string conversationId = "conv-1", string channelId = Channels.Msteams) => new()
    {
        Type = type,
        Id = "act-" + Guid.NewGuid().ToString("N")[..8],
        ServiceUrl = serviceUrl?.AbsoluteUri.TrimEnd('/'),
        ChannelId = channelId,
        From = new ChannelAccount("29:user-1", "Ada") { Role = "user" },
        Recipient = new ChannelAccount("28:bot", "TradeBot") { Role = "bot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal" },
        Timestamp = "2026-11-22T10:00:00.000Z",
        Locale = "en-US",
    };

    public static Activity Message(Uri? serviceUrl, string text, string conversationId = "conv-1", string channelId = Channels.Msteams)
    {
        var activity = Of(ActivityTypes.Message, serviceUrl, conversationId, channelId);
        activity.Text = text;
        return activity;
    }
}
