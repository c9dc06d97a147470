using Microsoft.AspNetCore.Http;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// Who is calling a Direct Line route, for the rate limits: the conversation of a token this server signed and that
/// has not expired, or nobody (then the caller is counted by address). Resolved before the rate limiter runs, so that
/// a forged token naming someone else's conversation cannot spend that conversation's limits.
/// </summary>
internal static class DirectLineCaller
{
    private static readonly object GrantKey = new();

    /// <summary>Validates the request's token (<c>?t=</c> of the stream, else the bearer token) and remembers its grant.</summary>
    public static async Task ResolveAsync(HttpContext context, DirectLineTokenService tokens)
    {
        var token = context.Request.Query["t"].FirstOrDefault() ?? DirectLineEndpoints.BearerToken(context.Request);
        if (await tokens.ValidateAsync(token) is { } grant)
        {
            context.Items[GrantKey] = grant;
        }
    }

    /// <summary>The validated conversation of the request, or null.</summary>
    public static string? ConversationId(HttpContext context) =>
        context.Items.TryGetValue(GrantKey, out var grant) && grant is DirectLineToken valid ? valid.ConversationId : null;
}
