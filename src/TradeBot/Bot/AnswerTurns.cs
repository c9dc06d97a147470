using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.Core.Answers;

namespace TradeBot.Bot;

/// <summary>
/// Answers a question, from a message or a clicked suggestion, with one answer activity: streamed where Teams streams,
/// with a typing indicator elsewhere, remembered for follow-ups, with questions the corpus answers on a refusal.
/// </summary>
internal sealed class AnswerTurns(
    IQuestionAnswerer answerer,
    BotSuggestions suggestions,
    ConversationMemory memory,
    SentAnswers sentAnswers,
    IOptions<TradeNewsBotOptions> options,
    TimeProvider timeProvider,
    ILogger<AnswerTurns> logger,
    IStreamingQuestionAnswerer? streamingAnswerer = null)
{
    public const string SearchingText = "Searching the news…";

    public const string EmptyQuestionText = "Ask me a question about tariffs, trade talks or trade disputes, and I'll answer from the news with sources.";

    public const string SearchUnavailableText = "The article search is unavailable right now, so I can't answer. Please try again in a moment.";

    /// <summary>
    /// A message: in group chats only when it mentions the bot or is a button of the bot's own card; an empty text may
    /// carry a card's question.
    /// </summary>
    public Task OnMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var submitted = TurnValues.QuestionFrom(activity.Value);
        if (activity.IsGroupConversation() && !activity.MentionsRecipient() && submitted is null)
        {
            TradeNewsBotLog.NotMentioned(logger, activity.Conversation?.Id);
            return Task.CompletedTask;
        }

        var question = activity.RemoveRecipientMention();
        if (question.Length == 0 && submitted is not null)
        {
            question = submitted;
        }

        return AnswerAsync(turnContext, question, cancellationToken);
    }

    /// <summary>A clicked suggested action (<c>suggestedActions/submit</c>), answered when it carries a question.</summary>
    public Task OnSuggestedActionAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        TurnValues.QuestionFrom(turnContext.Activity.Value) is { } suggested ? AnswerAsync(turnContext, suggested, cancellationToken) : Task.CompletedTask;

    /// <summary>An Adaptive Card's <c>Action.Execute</c> (<c>adaptiveCard/action</c>): answers its question, and says in the response whether it had one.</summary>
    public async Task<InvokeResponse> OnAdaptiveCardActionAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = turnContext.Activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("data", out var actionData)
                ? actionData
                : (JsonElement?)null;
        var question = TurnValues.QuestionFrom(data);
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

    /// <summary>The conversation ended: its turns are not followed up any more.</summary>
    public void OnEndOfConversation(ITurnContext turnContext) => memory.Forget(TurnValues.ConversationKey(turnContext.Activity));

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
        var key = TurnValues.ConversationKey(activity);
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
            answer = answer with { SuggestedQuestions = await suggestions.CloseToAsync(question, activity, cancellationToken) };
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
}
