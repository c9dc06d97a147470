using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TradeBot.Tests.DirectLine;

/// <summary>
/// A loopback stand-in for Azure Direct Line's token exchange (<c>POST /v3/directline/tokens/generate</c>): issues
/// <see cref="Token"/> for <c>Authorization: Bearer {secret}</c> and refuses anything else with 403.
/// </summary>
internal sealed class AzureDirectLineStandIn : IAsyncDisposable
{
    public const string Token = "stand-in-token.eyJhbGciOiJIUzI1NiJ9.azure";
    public const string ConversationId = "stand-in-conversation-1";

    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>The Authorization headers of the exchange requests received.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<AzureDirectLineStandIn> StartAsync(string secret)
    {
        var standIn = new AzureDirectLineStandIn();
        (standIn._app, standIn.Address) = await LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/v3/directline/tokens/generate", (HttpRequest request) =>
        {
            var authorization = request.Headers.Authorization.ToString();
            standIn.Authorizations.Enqueue(authorization);
            return authorization == "Bearer " + secret
                ? Results.Json(new { conversationId = ConversationId, token = Token, expires_in = 1800 })
                : Results.StatusCode(StatusCodes.Status403Forbidden);
        }));
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
