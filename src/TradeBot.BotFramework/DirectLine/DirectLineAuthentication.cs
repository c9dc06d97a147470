using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line bearer scheme and the conversation policy. A token of this server is read from
/// <c>Authorization: Bearer</c>, or from <c>?t=</c> on the stream (a WebSocket cannot carry headers). No token gives 401; a
/// forged, tampered or expired one 403; a valid token for another conversation 403 too.
/// </summary>
internal static class DirectLineAuthentication
{
    public const string SchemeName = "DirectLine";

    /// <summary>The policy of the conversation routes: a valid token, for the route's <c>{conversationId}</c> when it has one.</summary>
    public const string ConversationPolicy = "DirectLineConversation";

    private const int MaxTokenLength = 4096;

    public static void Configure(JwtBearerOptions options, DirectLineTokenService tokens)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = tokens.ValidationParameters();
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                context.Token = TokenOf(context.Request);
                if (context.Token is { Length: > MaxTokenLength })
                {
                    context.NoResult();
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var http = context.HttpContext;
                if (TokenOf(http.Request) is null && !IsStream(http.Request))
                {
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    await RefuseAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", "Send a Direct Line token as 'Authorization: Bearer <token>'.");
                    return;
                }

                await RefuseAsync(http, StatusCodes.Status403Forbidden, "Forbidden", IsStream(http.Request) ? "The token is missing, invalid or expired." : "The token is invalid or expired.");
            },
            OnForbidden = context => RefuseAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "The token is for another conversation."),
        };
    }

    public static void AddPolicy(AuthorizationOptions authorization) =>
        authorization.AddPolicy(ConversationPolicy, policy => policy
            .AddAuthenticationSchemes(SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new DirectLineConversationRequirement()));

    /// <summary>The token of the request: <c>?t=</c> of the stream, else the bearer token.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        if (request.Query["t"].FirstOrDefault() is { Length: > 0 } query)
        {
            return query;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization["Bearer ".Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    private static bool IsStream(HttpRequest request) => request.Path.Value?.EndsWith("/stream", StringComparison.OrdinalIgnoreCase) == true;

    private static Task RefuseAsync(HttpContext http, int status, string title, string detail)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineAuthentication));
        DirectLineLog.Refused(logger, http.Request.Path, status, detail);
        return TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(http);
    }
}
