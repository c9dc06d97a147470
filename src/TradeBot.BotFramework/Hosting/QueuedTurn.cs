using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Hosting;

/// <summary>An acknowledged activity waiting for a background worker.</summary>
internal sealed record QueuedTurn(Activity Activity, bool ServiceUrlVouched);
