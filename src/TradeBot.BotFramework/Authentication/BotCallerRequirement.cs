using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.Authentication;

/// <summary>
/// Who may call <c>/api/messages</c>: with an app id, whoever a bearer scheme of <see cref="BotFrameworkAuthentication"/>
/// authenticated; without one, anonymous callers on loopback connections (or anywhere when
/// <see cref="BotFrameworkOptions.AllowAnonymous"/> allows it in Development).
/// </summary>
internal sealed class BotCallerRequirement : AuthorizationHandler<BotCallerRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BotCallerRequirement requirement)
    {
        if (context.Resource is HttpContext http && IsAllowed(context, http))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool IsAllowed(AuthorizationHandlerContext context, HttpContext http)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<IOptions<BotCredentialsOptions>>().Value.IsAuthenticationEnabled)
        {
            return context.User.Identities.Any(identity => identity.IsAuthenticated);
        }

        return services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.AllowAnonymous || IsLoopback(http.Connection);
    }

    private static bool IsLoopback(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && (connection.LocalIpAddress is null || IPAddress.IsLoopback(connection.LocalIpAddress));
}
