using TradeBot.BotFramework.Connector;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>Stands in for MSAL: a fixed outbound token, so tests can see where it goes.</summary>
internal sealed class FakeConnectorTokenProvider : IConnectorTokenProvider
{
    public const string Token = "outbound-token-4f1c9e";

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(Token);
}
