using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using TradeBot.BotFramework.Schema;
using TradeBot.Suggestions;

namespace TradeBot.Bot;

/// <summary>
/// Suggested questions for the welcome and for declined questions, or none while the store cannot be searched:
/// suggestions never hold a message back.
/// </summary>
internal sealed class BotSuggestions(IQuestionSuggester suggester, ILogger<BotSuggestions> logger)
{
    public Task<IReadOnlyList<string>> ExamplesAsync(Activity activity, CancellationToken cancellationToken) =>
        OrNoneAsync(() => suggester.ExamplesAsync(cancellationToken), activity);

    public Task<IReadOnlyList<string>> CloseToAsync(string question, Activity activity, CancellationToken cancellationToken) =>
        OrNoneAsync(() => suggester.CloseToAsync(question, cancellationToken), activity);

    private async Task<IReadOnlyList<string>> OrNoneAsync(Func<Task<IReadOnlyList<string>>> suggest, Activity activity)
    {
        try
        {
            return await suggest();
        }
        catch (VectorStoreException ex)
        {
            TradeNewsBotLog.SearchUnavailable(logger, activity.Conversation?.Id, ex);
            return [];
        }
    }
}
