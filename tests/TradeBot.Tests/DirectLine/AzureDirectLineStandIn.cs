using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TradeBot.Tests.DirectLine;

/// <summary>
/// A loopback stand-in for Azure Direct Line's token exchange (<c>POST /v3/directline/tokens/generate</c>): issues
/// <see cref="Token"/> for <c>Authorization: Bearer {secret}</c> and refuses anything else with 403.
/// </summary>
internal sealed class AzureDirectLineStandIn : IAsyncDisposable
{
    public const string Token = "stand-in-token.eyJhbGciOiJIUzI1NiJ9.azure";
    public const string ConversationId = "stand-in-conversation-1";

    private readonly WebApplication _app;

    private AzureDirectLineStandIn(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v3/directline/tokens/generate", (HttpRequest request) =>
        {
            var authorization = request.Headers.Authorization.ToString();
            Authorizations.Enqueue(authorization);
            return authorization == "Bearer " + secret
                ? Results.Json(new { conversationId = ConversationId, token = Token, expires_in = 1800 })
                : Results.StatusCode(StatusCodes.Status403Forbidden);
        });
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The Authorization headers of the exchange requests received.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<AzureDirectLineStandIn> StartAsync(string secret)
    {
        var standIn = new AzureDirectLineStandIn(secret);
        await standIn._app.StartAsync();
        standIn.Address = new Uri(standIn._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
