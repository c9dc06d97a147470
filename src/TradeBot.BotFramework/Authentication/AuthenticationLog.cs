using Microsoft.Extensions.Logging;

namespace TradeBot.BotFramework.Authentication;

internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Bearer token rejected: {Reason} ({ExceptionType})")]
    public static partial void TokenRejected(ILogger logger, string reason, string? exceptionType);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "OpenID metadata at {MetadataUrl} could not be read")]
    public static partial void MetadataUnavailable(ILogger logger, string metadataUrl, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Bot authentication is disabled: no MicrosoftAppId is configured. Anonymous requests to /api/messages are accepted {Scope}. Set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId before exposing the bot.")]
    public static partial void AuthenticationDisabled(ILogger logger, string scope);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Bot authentication enabled for app id {AppId} ({AppType})")]
    public static partial void AuthenticationEnabled(ILogger logger, string appId, string appType);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Bot authentication is disabled: no MicrosoftAppId is configured and the server listens on {Addresses}, which is not loopback. /api/messages on that address is open to anonymous callers from any machine that can reach it (BotFramework:AllowAnonymous is true). To close it, set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (every request then needs a Bot Framework token), or remove BotFramework:AllowAnonymous and listen on loopback only (--urls http://localhost:3978).")]
    public static partial void OpenToAnyone(ILogger logger, string addresses);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Bot authentication is disabled: no MicrosoftAppId is configured and the server listens on {Addresses}, which is not loopback. Direct requests from other machines get 401, but /api/messages on that address is open to anonymous callers whose requests arrive over loopback: a reverse proxy, tunnel or port forward on this machine lets anyone in. To close it, set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (every request then needs a Bot Framework token), or listen on loopback only (--urls http://localhost:3978).")]
    public static partial void OpenThroughLoopback(ILogger logger, string addresses);
}
