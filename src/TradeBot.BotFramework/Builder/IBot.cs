namespace TradeBot.BotFramework.Builder;

/// <summary>Handles one turn of a conversation.</summary>
public interface IBot
{
    /// <summary>Handles the turn; the returned invoke response is used for <c>invoke</c> activities.</summary>
    Task<Schema.InvokeResponse?> OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
