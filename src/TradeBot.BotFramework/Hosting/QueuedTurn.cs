using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Hosting;

/// <summary>
/// An acknowledged activity waiting for a background worker. <paramref name="Sender"/> is where the replies go when
/// the channel is served in-process (Direct Line); without it they go to the activity's serviceUrl through the connector.
/// </summary>
internal sealed record QueuedTurn(Activity Activity, bool ServiceUrlVouched, IActivitySender? Sender = null);
