namespace TradeBot.BotFramework.Connector;

/// <summary>Provides the bot's bearer token for Bot Connector calls, or null when the bot has no credentials.</summary>
internal interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
