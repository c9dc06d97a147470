using System.Globalization;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// The bot's connector for a self-hosted Direct Line conversation: replies go into the conversation's log (typing only
/// to its socket) instead of to a serviceUrl, and the id returned to the bot is the id the client sees.
/// </summary>
internal sealed class DirectLineActivitySender(DirectLineConversation conversation, TimeProvider timeProvider) : IActivitySender
{
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Timestamp ??= timeProvider.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
        if (activity.From is { } from)
        {
            from.Role ??= "bot";
        }

        var id = activity.IsType(ActivityTypes.Typing) ? conversation.Push(activity) : conversation.Append(activity);
        return Task.FromResult(new ResourceResponse(id));
    }
}
