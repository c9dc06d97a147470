using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Hosting;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// The channel side of self-hosted Direct Line: turns what a client posts into activities for the same bot and the same
/// background turn queue as <c>/api/messages</c>, with a sender that writes the replies into the conversation.
/// </summary>
internal sealed class DirectLineChannel(BackgroundTurnQueue queue, IOptions<DirectLineOptions> options, TimeProvider timeProvider)
{
    /// <summary>Tells the bot that the user and the bot joined, so that it can greet; false when the queue is full.</summary>
    public bool Start(DirectLineConversation conversation, string serviceUrl)
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            MembersAdded = [Bot(), new ChannelAccount(conversation.UserId) { Role = "user" }],
            From = new ChannelAccount(conversation.UserId) { Role = "user" },
        };
        return Dispatch(conversation, Address(update, conversation, serviceUrl));
    }

    /// <summary>Keeps the client's activity (the echo Web Chat waits for), then runs the bot's turn; null when the queue is full.</summary>
    public string? Post(DirectLineConversation conversation, Activity posted, string serviceUrl)
    {
        var activity = Address(posted, conversation, serviceUrl);
        activity.From = new ChannelAccount(conversation.UserId, posted.From?.Name) { Role = "user" };
        activity.DeliveryMode = null;
        if (activity.IsType(ActivityTypes.Typing))
        {
            return conversation.Push(activity);
        }

        var id = conversation.Append(activity);
        // The bot gets its own copy: the stored one is serialized to clients while the turn runs.
        var turn = JsonSerializer.Deserialize<Activity>(JsonSerializer.SerializeToUtf8Bytes(activity, ActivitySerializer.Options), ActivitySerializer.Options)!;
        return Dispatch(conversation, turn) ? id : null;
    }

    private bool Dispatch(DirectLineConversation conversation, Activity activity) =>
        queue.TryEnqueue(new QueuedTurn(activity, ServiceUrlVouched: false, new DirectLineActivitySender(conversation, timeProvider)));

    private Activity Address(Activity activity, DirectLineConversation conversation, string serviceUrl)
    {
        activity.ChannelId = Channels.Directline;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = Bot();
        activity.ServiceUrl = serviceUrl;
        activity.Timestamp = timeProvider.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
        return activity;
    }

    private ChannelAccount Bot() => new(options.Value.BotId, options.Value.BotName) { Role = "bot" };
}
