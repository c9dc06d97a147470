using Microsoft.Extensions.Logging;

namespace TradeBot.BotFramework.Connector;

internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "The channel at {Host} refused a {ActivityType} activity with status {StatusCode} (operation {OperationId})")]
    public static partial void Refused(ILogger logger, string? activityType, string host, int statusCode, string? operationId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Sending a {ActivityType} activity to {Host} failed")]
    public static partial void Failed(ILogger logger, string? activityType, string host, Exception exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "A {ActivityType} activity has no serviceUrl or conversation id and was not sent")]
    public static partial void NotAddressed(ILogger logger, string? activityType);
}
