using System.Runtime.CompilerServices;
using TradeBot.Core.Answers;
using TradeBot.Core.Retrieval;

namespace TradeBot.Core.Evaluation;

/// <summary>
/// Runs cases as conversations: asks every turn with the earlier turns as history (timing each answer), judges the
/// last answer, and ranks the articles retrieved for the last turn to find the gold ones.
/// </summary>
/// <param name="retrieve">The retrieval to measure recall on, e.g. <see cref="PassageRetriever.RetrieveAsync"/>.</param>
/// <param name="timeProvider">The clock latency is measured with; the system's (a <see cref="System.Diagnostics.Stopwatch"/>) by default.</param>
internal sealed class EvalRunner(
    IQuestionAnswerer answerer,
    EvalJudge judge,
    Func<RetrievalRequest, CancellationToken, Task<RetrievalResult>> retrieve,
    TimeProvider? timeProvider = null)
{
    /// <summary>The deepest recall measured (recall@20).</summary>
    public const int RetrievalDepth = 20;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public EvalRunner(IQuestionAnswerer answerer, EvalJudge judge, PassageRetriever retriever)
        : this(answerer, judge, retriever.RetrieveAsync)
    {
    }

    public async Task<EvalReport> RunAsync(IEnumerable<EvalCase> cases, CancellationToken cancellationToken = default)
    {
        var results = new List<EvalCaseResult>();
        await foreach (var result in RunCasesAsync(cases, cancellationToken).ConfigureAwait(false))
        {
            results.Add(result);
        }
        return new EvalReport(results);
    }

    /// <summary>The cases' results one by one as each finishes (a long run can show progress).</summary>
    public async IAsyncEnumerable<EvalCaseResult> RunCasesAsync(IEnumerable<EvalCase> cases, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        foreach (var evalCase in cases)
        {
            yield return await RunCaseAsync(evalCase, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<EvalCaseResult> RunCaseAsync(EvalCase evalCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        if (evalCase.Turns.Count == 0)
        {
            throw new ArgumentException($"Case {evalCase.Id} has no turns.", nameof(evalCase));
        }
        var history = new List<ConversationTurn>();
        var turns = new List<EvalTurn>();
        Answer? answer = null;
        foreach (var question in evalCase.Turns)
        {
            var started = _time.GetTimestamp();
            answer = await answerer.AnswerAsync(question, history, cancellationToken).ConfigureAwait(false);
            turns.Add(new EvalTurn(question, answer.Answered, _time.GetElapsedTime(started).TotalMilliseconds));
            history.Add(new ConversationTurn(question, answer));
        }
        var failure = await judge.FailureAsync(evalCase, answer!, cancellationToken).ConfigureAwait(false);
        var recallMeasured = !evalCase.Refuse && evalCase.Articles is { Count: > 0 };
        var goldRank = recallMeasured ? await GoldRankAsync(evalCase, cancellationToken).ConfigureAwait(false) : null;
        return new EvalCaseResult(evalCase.Id, evalCase.Turns[^1], evalCase.IsMultiTurn, evalCase.Refuse, answer!.Answered, answer.Text,
            failure, recallMeasured, goldRank, turns);
    }

    private async Task<int?> GoldRankAsync(EvalCase evalCase, CancellationToken cancellationToken)
    {
        // The earlier questions, most recent first, as the answerer hands them to retrieval.
        var context = evalCase.Turns.Take(evalCase.Turns.Count - 1).Reverse().ToList();
        var result = await retrieve(new RetrievalRequest(evalCase.Turns[^1], context, Top: RetrievalDepth), cancellationToken).ConfigureAwait(false);
        var gold = evalCase.Articles!.ToHashSet(StringComparer.Ordinal);
        var rank = 0;
        foreach (var articleId in result.Ranked.Select(p => p.Passage.ArticleId).Distinct(StringComparer.Ordinal))
        {
            rank++;
            if (gold.Contains(articleId))
            {
                return rank;
            }
        }
        return null;
    }
}
