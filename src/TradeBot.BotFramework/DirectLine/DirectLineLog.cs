using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TradeBot.BotFramework.DirectLine;

internal static partial class DirectLineLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} started")]
    public static partial void ConversationStarted(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Direct Line request to {Path} refused with {StatusCode}: {Reason}")]
    public static partial void Refused(ILogger logger, PathString path, int statusCode, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Azure Direct Line refused the token request with {StatusCode}")]
    public static partial void AzureTokenRefused(ILogger logger, int statusCode);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Azure Direct Line could not be reached for a token")]
    public static partial void AzureTokenFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Debug, Message = "Direct Line stream of {ConversationId} opened")]
    public static partial void StreamOpened(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Debug, Message = "Direct Line stream of {ConversationId} closed")]
    public static partial void StreamClosed(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information, Message = "Direct Line request to {Path} rate-limited")]
    public static partial void RateLimited(ILogger logger, PathString path);
}
