using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Builder;

/// <summary>Where a turn's outgoing activities go: the channel's connector, or a buffer for expectReplies.</summary>
internal interface IActivitySender
{
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);
}
