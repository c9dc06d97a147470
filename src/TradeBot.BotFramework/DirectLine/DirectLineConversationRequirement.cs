using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// A Direct Line token is bound to one conversation: it passes on a route with a <c>{conversationId}</c> only when that
/// is the token's own conversation, and on the routes without one (refresh, start) whenever it is valid.
/// </summary>
internal sealed class DirectLineConversationRequirement : AuthorizationHandler<DirectLineConversationRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DirectLineConversationRequirement requirement)
    {
        if (DirectLineTokenService.GrantOf(context.User) is { } grant
            && context.Resource is HttpContext http
            && (http.Request.RouteValues["conversationId"] is not string conversationId
                || string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
