using Microsoft.Extensions.Logging;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Hosting;

/// <summary>Runs one turn of a bot; a failing bot is logged, the user gets an apology and the server goes on.</summary>
internal sealed class TurnRunner(ILogger<TurnRunner> logger)
{
    public const string ApologyText = "Sorry, something went wrong while I was answering. Please try again.";

    public async Task<InvokeResponse?> RunAsync(IBot bot, TurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        try
        {
            HostingLog.TurnStarted(logger, activity.Type, activity.ChannelId, activity.Conversation?.Id);
            return await bot.OnTurnAsync(turnContext, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            HostingLog.TurnCancelled(logger, activity.Type, activity.Conversation?.Id);
            return new InvokeResponse(503);
        }
        catch (Exception exception)
        {
            // The turn boundary: whatever the bot throws, the server answers and goes on serving.
            HostingLog.TurnFailed(logger, activity.Type, activity.Conversation?.Id, exception);
            if (activity.IsType(ActivityTypes.Message))
            {
                await turnContext.SendActivityAsync(ApologyText, CancellationToken.None);
            }

            return new InvokeResponse(500);
        }
    }
}
