using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Connector;

/// <summary>Sends a turn's activities through the connector, with the bot's token only where the policy allows it.</summary>
internal sealed class ConnectorActivitySender(ConnectorClient client, ServiceUrlPolicy policy, bool serviceUrlVouched) : IActivitySender
{
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) =>
        client.SendAsync(activity, policy.MayReceiveToken(activity.ServiceUrl, serviceUrlVouched), cancellationToken);
}
