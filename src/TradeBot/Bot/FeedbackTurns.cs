using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.BotFramework.WebChat;

namespace TradeBot.Bot;

/// <summary>
/// Stores votes on answers (Teams' feedback invoke, Web Chat's vote event) with the question they rate, within the
/// conversation's limit and with client-sent text cut to size.
/// </summary>
internal sealed class FeedbackTurns(
    IFeedbackStore feedbackStore,
    FeedbackLimiter feedbackLimiter,
    SentAnswers sentAnswers,
    ConversationMemory memory,
    IOptions<TradeNewsBotOptions> options,
    TimeProvider timeProvider,
    ILogger<FeedbackTurns> logger)
{
    /// <summary>Ids longer than this (a client may send anything) are cut before they are stored.</summary>
    private const int MaxIdLength = 256;

    /// <summary>Teams' <c>message/submitAction</c> feedback invoke, whose response Teams wants empty.</summary>
    public Task OnTeamsFeedbackAsync(Activity activity, CancellationToken cancellationToken) =>
        FeedbackSubmission.TryRead(activity) is { } feedback ? StoreAsync(activity, feedback, cancellationToken) : Task.CompletedTask;

    /// <summary>Web Chat's thumbs up and down, with the chat page's optional comment; other events are let be.</summary>
    public Task OnWebChatEventAsync(Activity activity, CancellationToken cancellationToken) =>
        WebChatFeedback.TryRead(activity) is { } feedback ? StoreAsync(activity, feedback, cancellationToken) : Task.CompletedTask;

    private async Task StoreAsync(Activity activity, FeedbackSubmission feedback, CancellationToken cancellationToken)
    {
        // Teams sends like or dislike; anything else, and votes over the conversation's limit, are not kept.
        if (feedback.Reaction is not ("like" or "dislike") || !feedbackLimiter.TryAcquire(TurnValues.ConversationKey(activity)))
        {
            TradeNewsBotLog.FeedbackIgnored(logger, activity.Conversation?.Id);
            return;
        }

        TradeNewsBotLog.Feedback(logger, feedback.Reaction, feedback.RatedActivityId, activity.Conversation?.Id);
        var comment = Cut(feedback.Comment, options.Value.MaxFeedbackLength);
        if (comment is { Length: > 0 })
        {
            TradeNewsBotLog.FeedbackComment(logger, comment);
        }

        await feedbackStore.AddAsync(
            new FeedbackRecord(
                timeProvider.GetUtcNow(),
                Cut(activity.ChannelId, MaxIdLength) ?? string.Empty,
                Cut(activity.Conversation?.Id, MaxIdLength) ?? string.Empty,
                Cut(activity.From?.Id, MaxIdLength),
                Cut(feedback.RatedActivityId, MaxIdLength),
                feedback.Reaction,
                comment,
                QuestionRated(activity, feedback)),
            cancellationToken);
    }

    private static string? Cut(string? text, int maxLength) => text is { } value && value.Length > maxLength ? value[..maxLength] : text;

    /// <summary>
    /// The question of the rated answer. Teams names the rated message in <c>replyToId</c>; clients that leave it out
    /// (the Agents Playground does), and votes that arrive before the answer's id is recorded, rate in practice the
    /// latest answer of the conversation.
    /// </summary>
    private string? QuestionRated(Activity activity, FeedbackSubmission feedback) =>
        (string.IsNullOrEmpty(feedback.RatedActivityId) ? null : sentAnswers.QuestionFor(feedback.RatedActivityId))
        ?? (memory.Recall(TurnValues.ConversationKey(activity)) is { Count: > 0 } turns ? turns[^1].Question : null);
}
