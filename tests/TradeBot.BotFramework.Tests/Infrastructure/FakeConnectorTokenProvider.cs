using TradeBot.BotFramework.Connector;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>Stands in for MSAL: a fixed outbound token, so tests can see where it goes.</summary>
internal sealed class FakeConnectorTokenProvider : IConnectorTokenProvider
{
    public const string Token = "outbound-token-4f1c9e";
    public const string RefreshedToken = "outbound-token-refreshed-77aa01";

    public Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(forceRefresh ? RefreshedToken : Token);
}
