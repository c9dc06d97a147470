using System.ClientModel;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using TradeBot.Core.Retrieval;

namespace TradeBot.Core.Answers.Llm;

/// <summary>
/// Answers with a language model through Semantic Kernel, without weakening the guarantees of the extractive mode:
/// each question is retrieved once, and that one retrieval gives both the extractive answer (so it declines exactly
/// when the extractive answerer declines, without a model call) and the passages the model sees, numbered and
/// delimited as data; the model's markers are checked
/// against the sources given; an answer left without a valid citation, and any model failure (timeout, 429, 5xx,
/// malformed response), gives the extractive answer instead, the latter with a note to the user.
/// Follow-ups are first rewritten by the model into a standalone search query.
/// </summary>
public sealed class LlmAnswerer(
    IChatCompletionService chat,
    PassageRetriever retriever,
    ExtractiveAnswerer extractive,
    ICorpusOverview overview,
    TimeProvider timeProvider,
    IOptions<ChatOptions> chatOptions,
    IOptions<AnswerOptions> answerOptions,
    LlmMetrics metrics,
    ILogger<LlmAnswerer> logger) : IQuestionAnswerer, IStreamingQuestionAnswerer
{
    private const int PassagesPerSource = 2;
    private readonly ChatOptions _options = chatOptions.Value;
    private readonly AnswerOptions _answerOptions = answerOptions.Value;

    public async Task<Answer> AnswerAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(question, history, cancellationToken).ConfigureAwait(false);
        if (prepared.Done is { } done)
        {
            return done;
        }
        string text;
        try
        {
            using var timeout = Timeout(cancellationToken);
            var reply = await chat.GetChatMessageContentAsync(AnswerPrompt.Build(prepared.Query, prepared.Sources), Settings(), kernel: null, timeout.Token)
                .ConfigureAwait(false);
            text = reply.Content ?? string.Empty;
        }
        catch (Exception exception) when (Classify(exception, cancellationToken) is { } reason)
        {
            return Fallback(prepared.Extractive, reason, "answer", exception);
        }
        return Finish(question, text, prepared);
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAnswerAsync(string question, IReadOnlyList<ConversationTurn> history,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(question, history, cancellationToken).ConfigureAwait(false);
        if (prepared.Done is { } done)
        {
            yield return AnswerUpdate.Chunk(done.Text);
            yield return AnswerUpdate.Completed(done);
            yield break;
        }

        var filter = new MarkerStreamFilter(prepared.Sources.Count);
        var text = new StringBuilder();
        (ModelFailure Reason, Exception Exception)? failure = null;
        using (var timeout = Timeout(cancellationToken))
        {
            var stream = chat.GetStreamingChatMessageContentsAsync(AnswerPrompt.Build(prepared.Query, prepared.Sources), Settings(), kernel: null, timeout.Token);
            var chunks = stream.GetAsyncEnumerator(timeout.Token);
            try
            {
                while (true)
                {
                    string? chunk;
                    try
                    {
                        if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                        chunk = chunks.Current.Content;
                    }
                    catch (Exception exception) when (Classify(exception, cancellationToken) is { } reason)
                    {
                        failure = (reason, exception);
                        break;
                    }
                    if (!string.IsNullOrEmpty(chunk))
                    {
                        text.Append(chunk);
                        if (filter.Push(chunk) is { Length: > 0 } shown)
                        {
                            yield return AnswerUpdate.Chunk(shown);
                        }
                    }
                }
            }
            finally
            {
                await chunks.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (failure is { } failed)
        {
            yield return AnswerUpdate.Completed(Fallback(prepared.Extractive, failed.Reason, "streamed answer", failed.Exception));
            yield break;
        }
        if (filter.Flush() is { Length: > 0 } rest)
        {
            yield return AnswerUpdate.Chunk(rest);
        }
        yield return AnswerUpdate.Completed(Finish(question, text.ToString(), prepared));
    }

    /// <summary>
    /// Rewrites a follow-up, retrieves once, and composes the extractive answer from that retrieval (it decides whether
    /// to decline and is the fallback); the same passages become the model's numbered sources.
    /// </summary>
    private async Task<Prepared> PrepareAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentNullException.ThrowIfNull(history);
        RetrievalRequest request;
        if (history.Count == 0)
        {
            request = extractive.Request(question, history);
        }
        else
        {
            StandaloneQuery query;
            try
            {
                query = await RewriteAsync(question, history, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (Classify(exception, cancellationToken) is { } reason)
            {
                var answer = await extractive.AnswerAsync(question, history, cancellationToken).ConfigureAwait(false);
                return new Prepared(question, answer, [], Fallback(answer, reason, "query rewrite", exception));
            }
            // The standalone query needs no conversation.
            request = new RetrievalRequest(query.Text, From: query.From, To: query.To, Top: ExtractiveAnswerer.RetrievalTop);
        }

        // The extractive answer reads the first passages of this retrieval; the model is given more of them.
        var retrieval = await retriever.RetrieveAsync(request with { Top = Math.Max(request.Top, _options.MaxSources * PassagesPerSource) }, cancellationToken)
            .ConfigureAwait(false);
        var extractiveAnswer = extractive.AnswerFrom(request.Question, retrieval) with { Question = question };
        if (!extractiveAnswer.Answered)
        {
            return new Prepared(request.Question, extractiveAnswer, [], extractiveAnswer);
        }

        var sources = NumberedSource.From(retrieval.Passages.Select(p => p.Passage), _options.MaxSources);
        if (sources.Count == 0)
        {
            return new Prepared(request.Question, extractiveAnswer, [], extractiveAnswer);
        }
        LlmLog.Asking(logger, sources.Count);
        return new Prepared(request.Question, extractiveAnswer, sources, null);
    }

    private async Task<StandaloneQuery> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        var summary = await overview.GetSummaryAsync(cancellationToken).ConfigureAwait(false);
        var reference = summary.Latest ?? timeProvider.GetUtcNow();
        var turns = history.Skip(Math.Max(0, history.Count - _answerOptions.ContextTurns)).ToList();
        using var timeout = Timeout(cancellationToken);
        var reply = await chat.GetChatMessageContentAsync(AnswerPrompt.Rewrite(question, turns, reference), Settings(), kernel: null, timeout.Token)
            .ConfigureAwait(false);
        var query = StandaloneQuery.Parse(reply.Content) ?? throw new InvalidOperationException("The model returned no query.");
        LlmLog.QueryRewritten(logger, question, query.Text);
        return query;
    }

    private Answer Finish(string question, string modelText, Prepared prepared)
    {
        if (string.IsNullOrWhiteSpace(modelText))
        {
            return Fallback(prepared.Extractive, ModelFailure.Malformed, "answer", null);
        }
        var checkedAnswer = CitationChecker.Check(modelText, prepared.Sources);
        metrics.MarkersRemoved(checkedAnswer.RemovedMarkers);
        if (!checkedAnswer.IsCited)
        {
            LlmLog.AnswerUncited(logger, checkedAnswer.RemovedMarkers);
            metrics.Fallback(ModelFailure.Uncited);
            return prepared.Extractive;
        }
        if (checkedAnswer.RemovedMarkers > 0)
        {
            LlmLog.MarkersRemoved(logger, checkedAnswer.RemovedMarkers);
        }
        metrics.Answered();
        return new Answer(question, true, checkedAnswer.Text, checkedAnswer.Citations, prepared.Extractive.SuggestedQuestions);
    }

    private Answer Fallback(Answer extractiveAnswer, ModelFailure reason, string operation, Exception? exception)
    {
        LlmLog.ModelFailed(logger, EndpointForLog(), _options.Model ?? string.Empty, reason, operation, exception);
        metrics.Fallback(reason);
        return extractiveAnswer.Answered ? extractiveAnswer with { Text = $"{extractiveAnswer.Text}\n\n{_options.FallbackNote}" } : extractiveAnswer;
    }

    /// <summary>Scheme, host and port only: an address may carry a key in its query string.</summary>
    private string EndpointForLog() =>
        Uri.TryCreate(_options.Endpoint, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : string.Empty;

    private OpenAIPromptExecutionSettings Settings() => new() { Temperature = _options.Temperature, MaxTokens = _options.MaxOutputTokens };

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        return timeout;
    }

    /// <summary>What went wrong with the model, or null for what is not a model failure (the caller's cancellation, a bug).</summary>
    internal static ModelFailure? Classify(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case OperationCanceledException:
                    return ModelFailure.Timeout;
                case HttpOperationException { StatusCode: { } status }:
                    return Status((int)status);
                case ClientResultException { Status: > 0 } result:
                    return Status(result.Status);
                case JsonException or FormatException or KeyNotFoundException:
                    return ModelFailure.Malformed;
                case HttpRequestException or IOException:
                    return ModelFailure.Unreachable;
            }
        }
        return exception is HttpOperationException or ClientResultException or KernelException or InvalidOperationException or ArgumentException
            ? ModelFailure.Malformed
            : null;
    }

    private static ModelFailure Status(int status) => status == (int)HttpStatusCode.TooManyRequests ? ModelFailure.RateLimited : ModelFailure.ServerError;

    private sealed record Prepared(string Query, Answer Extractive, IReadOnlyList<NumberedSource> Sources, Answer? Done);
}
