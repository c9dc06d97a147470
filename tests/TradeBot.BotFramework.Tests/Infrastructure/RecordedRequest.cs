using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>A call the bot made to the test connector.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Authorization, Activity Activity, string ResponseId);
