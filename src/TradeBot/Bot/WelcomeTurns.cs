using Microsoft.Extensions.Logging;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.Core.Answers;

namespace TradeBot.Bot;

/// <summary>
/// Greets each user once: on members added, on the bot's installation in a personal chat and on Web Chat's
/// <c>webchat/join</c>, with what the corpus holds and example questions it answers.
/// </summary>
internal sealed class WelcomeTurns(ICorpusOverview corpus, BotSuggestions suggestions, WelcomeRegistry welcomes, ILogger<WelcomeTurns> logger)
{
    public async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var personal = !activity.IsGroupConversation();
        foreach (var member in membersAdded)
        {
            var isBot = string.Equals(member.Id, activity.Recipient?.Id, StringComparison.Ordinal);
            if (isBot && !personal)
            {
                continue;
            }

            // In a personal chat there is one user, and Teams may announce only the bot: greet the conversation once.
            var key = personal ? TurnValues.ConversationKey(activity) : $"{TurnValues.ConversationKey(activity)}|{member.Id}";
            await WelcomeAsync(turnContext, key, isBot ? null : member, cancellationToken);
        }
    }

    public Task OnInstallationAddedAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.IsGroupConversation()
            ? Task.CompletedTask
            : WelcomeAsync(turnContext, TurnValues.ConversationKey(turnContext.Activity), null, cancellationToken);

    public Task OnJoinAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        WelcomeAsync(turnContext, TurnValues.ConversationKey(turnContext.Activity), turnContext.Activity.From, cancellationToken);

    private async Task WelcomeAsync(ITurnContext turnContext, string key, ChannelAccount? user, CancellationToken cancellationToken)
    {
        if (!welcomes.ShouldGreet(key))
        {
            return;
        }

        var activity = turnContext.Activity;
        var summary = await corpus.GetSummaryAsync(cancellationToken);
        var examples = summary.ArticleCount == 0 ? [] : (await suggestions.ExamplesAsync(activity, cancellationToken)).Take(WelcomeMessage.ExampleCount).ToList();
        var text = WelcomeMessage.Create(user?.Name, summary, withExamples: examples.Count > 0);
        await turnContext.SendActivityAsync(
            examples.Count > 0 ? AnswerActivityFactory.WithSuggestedQuestions(activity, text, examples) : activity.CreateReply(text),
            cancellationToken);
        TradeNewsBotLog.Welcomed(logger, key);
    }
}
