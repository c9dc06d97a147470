namespace TradeBot.BotFramework.Connector;

/// <summary>Provides the bot's bearer token for Bot Connector calls, or null when the bot has no credentials.</summary>
internal interface IConnectorTokenProvider
{
    /// <param name="forceRefresh">Skip the cached token, e.g. after the channel refused it with 401.</param>
    Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
