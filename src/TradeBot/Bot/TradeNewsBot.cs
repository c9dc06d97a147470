using Microsoft.Extensions.VectorData;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.BotFramework.WebChat;
using TradeBot.Core.Answers;
using TradeBot.Suggestions;

namespace TradeBot.Bot;

/// <summary>
/// TradeBot's activity handler: answers trade-news questions with cited sources, remembers recent turns for follow-ups,
/// greets each user once and stores feedback on answers.
/// </summary>
internal sealed class TradeNewsBot(
    IQuestionAnswerer answerer,
    ICorpusOverview corpus,
    IQuestionSuggester suggester,
    ConversationMemory memory,
    WelcomeRegistry welcomes,
    SentAnswers sentAnswers,
    IFeedbackStore feedbackStore,
    FeedbackLimiter feedbackLimiter,
    IOptions<TradeNewsBotOptions> options,
    TimeProvider timeProvider,
    ILogger<TradeNewsBot> logger,
    IStreamingQuestionAnswerer? streamingAnswerer = null) : ActivityHandler
{
    public const string SearchingText = "Searching the news…";

    public const string EmptyQuestionText = "Ask me a question about tariffs, trade talks or trade disputes, and I'll answer from the news with sources.";

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.IsGroupConversation() && !activity.MentionsRecipient())
        {
            TradeNewsBotLog.NotMentioned(logger, activity.Conversation?.Id);
            return;
        }

        var question = activity.RemoveRecipientMention();
        if (question.Length == 0 && QuestionFromValue(activity.Value) is { } submitted)
        {
            question = submitted;
        }

        await AnswerAsync(turnContext, question, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
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
            var key = personal ? ConversationKey(activity) : $"{ConversationKey(activity)}|{member.Id}";
            await WelcomeAsync(turnContext, key, isBot ? null : member, cancellationToken);
        }
    }

    protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.IsGroupConversation()
            ? Task.CompletedTask
            : WelcomeAsync(turnContext, ConversationKey(turnContext.Activity), null, cancellationToken);

    protected override Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (string.Equals(activity.Name, "webchat/join", StringComparison.Ordinal))
        {
            return WelcomeAsync(turnContext, ConversationKey(activity), activity.From, cancellationToken);
        }

        // Web Chat's thumbs up and down, with the chat page's optional comment.
        return WebChatFeedback.TryRead(activity) is { } feedback ? StoreFeedbackAsync(activity, feedback, cancellationToken) : Task.CompletedTask;
    }

    protected override Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        memory.Forget(ConversationKey(turnContext.Activity));
        return Task.CompletedTask;
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        switch (activity.Name)
        {
            case FeedbackSubmission.InvokeName:
                if (FeedbackSubmission.TryRead(activity) is { } feedback)
                {
                    await StoreFeedbackAsync(activity, feedback, cancellationToken);
                }

                // Teams wants 200 with an empty body here; any body makes it show an error.
                return InvokeResponse.Ok();
            case "suggestedActions/submit" or "suggestedAction/submit":
                if (QuestionFromValue(activity.Value) is { } suggested)
                {
                    await AnswerAsync(turnContext, suggested, cancellationToken);
                }

                return InvokeResponse.Ok();
            case "adaptiveCard/action":
                return await OnAdaptiveCardActionAsync(turnContext, cancellationToken);
            default:
                return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }
    }

    private async Task<InvokeResponse> OnAdaptiveCardActionAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = turnContext.Activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("data", out var actionData)
                ? actionData
                : (JsonElement?)null;
        var question = QuestionFromValue(data);
        if (question is not null)
        {
            await AnswerAsync(turnContext, question, cancellationToken);
        }

        var message = question is null ? "This card action needs a 'question'." : "Looking that up.";
        var body = JsonSerializer.SerializeToElement(
            new { statusCode = question is null ? 400 : 200, type = "application/vnd.microsoft.activity.message", value = message },
            ActivitySerializer.Options);
        return new InvokeResponse(200, body);
    }

    internal const string SearchUnavailableText = "The article search is unavailable right now, so I can't answer. Please try again in a moment.";

    private async Task AnswerAsync(ITurnContext turnContext, string question, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (question.Length == 0)
        {
            var hint = activity.CreateReply(EmptyQuestionText);
            hint.TextFormat = TextFormatTypes.Markdown;
            await turnContext.SendActivityAsync(hint, cancellationToken);
            return;
        }

        var max = options.Value.MaxQuestionLength;
        if (question.Length > max)
        {
            TradeNewsBotLog.QuestionTooLong(logger, activity.Conversation?.Id, question.Length);
            await turnContext.SendActivityAsync(string.Create(CultureInfo.InvariantCulture,
                $"That message is {question.Length:N0} characters long, more than I can take as a question. Could you ask it in under {max:N0} characters? One question at a time works best."),
                cancellationToken);
            return;
        }

        TradeNewsBotLog.Question(logger, activity.Conversation?.Id, question);
        var key = ConversationKey(activity);
        var history = memory.Recall(key);
        // Teams one-to-one chats see the answer as it is written; every other channel gets the finished answer.
        var stream = streamingAnswerer is not null && StreamingResponse.IsSupported(turnContext)
            ? new StreamingResponse(turnContext, timeProvider, options.Value.StreamingInterval)
            : null;
        Answer answer;
        try
        {
            answer = stream is null
                ? await AnswerWithTypingAsync(turnContext, question, history, cancellationToken)
                : await StreamAnswerAsync(stream, question, history, cancellationToken);
        }
        catch (VectorStoreException ex)
        {
            // The store (Qdrant) is down or slow: say so; the next question tries again.
            TradeNewsBotLog.SearchUnavailable(logger, activity.Conversation?.Id, ex);
            var unavailable = activity.CreateReply(SearchUnavailableText);
            await (stream is null ? turnContext.SendActivityAsync(unavailable, cancellationToken) : stream.EndStreamAsync(unavailable, cancellationToken));
            return;
        }

        memory.Remember(key, new ConversationTurn(question, answer));
        TradeNewsBotLog.Answered(logger, activity.Conversation?.Id, answer.Answered, answer.Citations.Count, history.Count);
        if (!answer.Answered && answer.SuggestedQuestions.Count == 0)
        {
            // A declined question is no dead end: questions the articles answer, close to what was asked.
            answer = answer with { SuggestedQuestions = await SuggestAsync(() => suggester.CloseToAsync(question, cancellationToken), activity) };
        }

        var feedbackId = AnswerActivityFactory.IsWebChat(activity.ChannelId) ? Guid.NewGuid().ToString("N") : null;
        var reply = AnswerActivityFactory.Create(activity, answer, feedbackId);
        var sent = stream is null
            ? await turnContext.SendActivityAsync(reply, cancellationToken)
            : await stream.EndStreamAsync(reply, cancellationToken);
        sentAnswers.Record(sent.Id, question);
        sentAnswers.Record(feedbackId, question);
        if (stream is not null)
        {
            // Teams may name a streamed answer by its stream id when the user rates it.
            sentAnswers.Record(stream.StreamId, question);
            TradeNewsBotLog.Streamed(logger, activity.Conversation?.Id, stream.Sequence, stream.Failed, stream.Cancelled);
        }
    }

    private async Task<Answer> AnswerWithTypingAsync(ITurnContext turnContext, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        var typing = turnContext.ExpectsReplies ? null : await TypingIndicator.StartAsync(turnContext, timeProvider, options.Value.TypingInterval, cancellationToken);
        try
        {
            return await answerer.AnswerAsync(question, history, cancellationToken);
        }
        finally
        {
            if (typing is not null)
            {
                await typing.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Streams the answer's text as it comes (the informative line first, so Teams shows progress while searching) and
    /// returns the final, validated answer, whose message then replaces the streamed text.
    /// </summary>
    private async Task<Answer> StreamAnswerAsync(StreamingResponse stream, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        await stream.QueueInformativeUpdateAsync(SearchingText, cancellationToken);
        await foreach (var update in streamingAnswerer!.StreamAnswerAsync(question, history, cancellationToken))
        {
            if (update.Final is { } final)
            {
                return final;
            }

            await stream.QueueTextChunkAsync(update.Text, cancellationToken);
        }

        throw new InvalidOperationException("The streaming answerer ended without a final answer.");
    }

    private async Task WelcomeAsync(ITurnContext turnContext, string key, ChannelAccount? user, CancellationToken cancellationToken)
    {
        if (!welcomes.ShouldGreet(key))
        {
            return;
        }

        var activity = turnContext.Activity;
        var summary = await corpus.GetSummaryAsync(cancellationToken);
        var examples = summary.ArticleCount == 0 ? [] : (await SuggestAsync(() => suggester.ExamplesAsync(cancellationToken), activity)).Take(WelcomeMessage.ExampleCount).ToList();
        var text = WelcomeMessage.Create(user?.Name, summary, withExamples: examples.Count > 0);
        await turnContext.SendActivityAsync(
            examples.Count > 0 ? AnswerActivityFactory.WithSuggestedQuestions(activity, text, examples) : activity.CreateReply(text),
            cancellationToken);
        TradeNewsBotLog.Welcomed(logger, key);
    }

    /// <summary>Suggested questions, or none while the store cannot be searched: the message goes out without them.</summary>
    private async Task<IReadOnlyList<string>> SuggestAsync(Func<Task<IReadOnlyList<string>>> suggest, Activity activity)
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

    private async Task StoreFeedbackAsync(Activity activity, FeedbackSubmission feedback, CancellationToken cancellationToken)
    {
        // Teams sends like or dislike; anything else, and votes over the conversation's limit, are not kept.
        if (feedback.Reaction is not ("like" or "dislike") || !feedbackLimiter.TryAcquire(ConversationKey(activity)))
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

    /// <summary>Ids longer than this (a client may send anything) are cut before they are stored.</summary>
    private const int MaxIdLength = 256;

    private static string? Cut(string? text, int maxLength) => text is { } value && value.Length > maxLength ? value[..maxLength] : text;

    /// <summary>
    /// The question of the rated answer. Teams names the rated message in <c>replyToId</c>; clients that leave it out
    /// (the Agents Playground does), and votes that arrive before the answer's id is recorded, rate in practice the
    /// latest answer of the conversation.
    /// </summary>
    private string? QuestionRated(Activity activity, FeedbackSubmission feedback) =>
        (string.IsNullOrEmpty(feedback.RatedActivityId) ? null : sentAnswers.QuestionFor(feedback.RatedActivityId))
        ?? (memory.Recall(ConversationKey(activity)) is { Count: > 0 } turns ? turns[^1].Question : null);

    private static string? QuestionFromValue(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty("question", out var question)
            && question.ValueKind == JsonValueKind.String && question.GetString()?.Trim() is { Length: > 0 } text
            ? text
            : null;

    private static string ConversationKey(Activity activity) => $"{activity.ChannelId}|{activity.Conversation?.Id}";
}
