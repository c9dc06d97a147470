using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Builder;

/// <summary>One turn: the inbound activity and the means to answer it.</summary>
public interface ITurnContext
{
    /// <summary>The activity that started the turn.</summary>
    Activity Activity { get; }

    /// <summary>True once the turn has sent a message-like activity.</summary>
    bool Responded { get; }

    /// <summary>True when replies are buffered and returned in the HTTP body (<c>deliveryMode: expectReplies</c>).</summary>
    bool ExpectsReplies { get; }

    /// <summary>Sends an activity to the conversation, addressed as a reply when <see cref="Activity.ReplyToId"/> is set.</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Sends a plain or Markdown text message as a reply to the inbound activity.</summary>
    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default);
}
