using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>The body of a polling answer and of a WebSocket frame; typing sets carry no watermark.</summary>
public sealed record DirectLineActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);
