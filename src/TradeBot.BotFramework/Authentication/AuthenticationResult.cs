using System.Security.Claims;

namespace TradeBot.BotFramework.Authentication;

/// <summary>
/// The outcome of checking a request to <c>/api/messages</c>. <see cref="ServiceUrlVouched"/> is true only when a
/// validated channel token carried a <c>serviceurl</c> claim equal to the activity's serviceUrl.
/// </summary>
internal sealed record AuthenticationResult(bool Succeeded, string? Failure, ClaimsIdentity? Identity, bool ServiceUrlVouched)
{
    public static AuthenticationResult Anonymous { get; } = new(true, null, new ClaimsIdentity(), false);

    public static AuthenticationResult Fail(string failure) => new(false, failure, null, false);
}
