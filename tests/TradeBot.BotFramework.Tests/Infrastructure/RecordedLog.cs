using Microsoft.Extensions.Logging;

namespace TradeBot.BotFramework.Tests.Infrastructure;

internal sealed record RecordedLog(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
