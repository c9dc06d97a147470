using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Builder;

/// <summary>The turn context the adapter hands to the bot.</summary>
internal sealed class TurnContext(Activity activity, IActivitySender sender, bool expectsReplies) : ITurnContext
{
    public Activity Activity { get; } = activity;

    public bool Responded { get; private set; }

    public bool ExpectsReplies { get; } = expectsReplies;

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SendActivityAsync(Activity.CreateReply(text), cancellationToken);
    }

    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.ServiceUrl ??= Activity.ServiceUrl;
        activity.ChannelId ??= Activity.ChannelId;
        activity.Conversation ??= Activity.Conversation;
        if (!activity.IsType(ActivityTypes.Typing) && !activity.IsType(ActivityTypes.Trace))
        {
            Responded = true;
        }

        return sender.SendAsync(activity, cancellationToken);
    }
}
