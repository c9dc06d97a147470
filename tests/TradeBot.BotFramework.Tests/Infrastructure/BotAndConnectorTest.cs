namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>Base of tests that run the test bot (anonymous, on loopback) against a recording connector.</summary>
public abstract class BotAndConnectorTest : IAsyncLifetime
{
    internal TestConnector Connector { get; private set; } = null!;

    internal BotTestServer Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await TestConnector.StartAsync();
        Bot = await BotTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
