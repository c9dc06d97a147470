using Microsoft.Extensions.Logging;

namespace TradeBot.BotFramework.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Turn started: {ActivityType} on {ChannelId} in {ConversationId}")]
    public static partial void TurnStarted(ILogger logger, string? activityType, string? channelId, string? conversationId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "The bot failed on a {ActivityType} activity in {ConversationId}")]
    public static partial void TurnFailed(ILogger logger, string? activityType, string? conversationId, Exception exception);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "A {ActivityType} turn in {ConversationId} was cancelled")]
    public static partial void TurnCancelled(ILogger logger, string? activityType, string? conversationId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Request to /api/messages refused with {StatusCode}: {Detail}")]
    public static partial void RequestRefused(ILogger logger, int statusCode, string? detail);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "The turn queue is full; a {ActivityType} activity got 503")]
    public static partial void QueueFull(ILogger logger, string? activityType);
}
