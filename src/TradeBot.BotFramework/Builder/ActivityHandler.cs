using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Builder;

/// <summary>
/// Dispatches a turn on the activity type, as Bot Builder's ActivityHandler does. Override the <c>On…Async</c>
/// methods you need; every other type is acknowledged without a reply, and an unhandled invoke answers 501.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public async Task<InvokeResponse?> OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken);
                return null;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken);
                return null;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateActivityAsync(turnContext, cancellationToken);
                return null;
            case ActivityTypes.Invoke:
                return await OnInvokeActivityAsync(turnContext, cancellationToken);
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken);
                return null;
            case ActivityTypes.EndOfConversation:
                await OnEndOfConversationActivityAsync(turnContext, cancellationToken);
                return null;
            case ActivityTypes.Typing:
                await OnTypingActivityAsync(turnContext, cancellationToken);
                return null;
            case ActivityTypes.MessageReaction:
                await OnMessageReactionActivityAsync(turnContext, cancellationToken);
                return null;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken);
                return null;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.MembersAdded is { Count: > 0 } added)
        {
            await OnMembersAddedAsync(added, turnContext, cancellationToken);
        }

        if (activity.MembersRemoved is { Count: > 0 } removed)
        {
            await OnMembersRemovedAsync(removed, turnContext, cancellationToken);
        }
    }

    /// <summary>Members (possibly including the bot itself, compare with <c>Recipient.Id</c>) joined.</summary>
    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Action switch
        {
            "add" or "add-upgrade" => OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            "remove" or "remove-upgrade" => OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };

    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Answers an invoke; the default is 501, what the SDKs answer for names they do not handle.</summary>
    protected virtual Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.FromResult(InvokeResponse.NotImplemented());

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>A user is typing; bots never answer this.</summary>
    protected virtual Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnMessageReactionActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
