using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;

namespace TradeBot.Bot;

/// <summary>
/// TradeBot's activity handler: hands each kind of activity to the turns that handle it: questions to
/// <see cref="AnswerTurns"/>, greetings to <see cref="WelcomeTurns"/>, votes to <see cref="FeedbackTurns"/>.
/// </summary>
internal sealed class TradeNewsBot(AnswerTurns answers, WelcomeTurns welcomes, FeedbackTurns feedback) : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        answers.OnMessageAsync(turnContext, cancellationToken);

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        welcomes.OnMembersAddedAsync(membersAdded, turnContext, cancellationToken);

    protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        welcomes.OnInstallationAddedAsync(turnContext, cancellationToken);

    protected override Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        string.Equals(turnContext.Activity.Name, "webchat/join", StringComparison.Ordinal)
            ? welcomes.OnJoinAsync(turnContext, cancellationToken)
            : feedback.OnWebChatEventAsync(turnContext.Activity, cancellationToken);

    protected override Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        answers.OnEndOfConversation(turnContext);
        return Task.CompletedTask;
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        switch (turnContext.Activity.Name)
        {
            case FeedbackSubmission.InvokeName:
                await feedback.OnTeamsFeedbackAsync(turnContext.Activity, cancellationToken);
                // Teams wants 200 with an empty body here; any body makes it show an error.
                return InvokeResponse.Ok();
            case "suggestedActions/submit" or "suggestedAction/submit":
                await answers.OnSuggestedActionAsync(turnContext, cancellationToken);
                return InvokeResponse.Ok();
            case "adaptiveCard/action":
                return await answers.OnAdaptiveCardActionAsync(turnContext, cancellationToken);
            default:
                return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }
    }
}
