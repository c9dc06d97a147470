using TradeBot.Core.Answers;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Text;

namespace TradeBot.Suggestions;

/// <summary>
/// Questions the corpus can answer, for the welcome, the chat page, Teams' prompt starters and declined questions.
/// Candidates come from the articles themselves (<see cref="QuestionShapes"/> over the passages that retrieval finds
/// for TradeBot's subject, or for the declined question) and from <c>Answers:ExampleQuestions</c>; a candidate is
/// offered only when retrieval answers it (its refusal checks pass). The examples are worked out once per state of the
/// corpus (its article count and dates) and kept.
/// </summary>
internal sealed class CorpusQuestions(PassageRetriever retriever, ICorpusOverview corpus) : IQuestionSuggester, IDisposable
{
    /// <summary>What TradeBot is about, searched for to find the passages the examples come from.</summary>
    internal const string Subject = "tariffs, trade talks and trade disputes";
    private const int ExamplePassages = 24;
    private const int ClosePassages = 10;
    private const int MaxExamples = 6;
    private const int MaxClose = 3;
    private const int MaxChecks = 12;
    private const int MaxRemembered = 4096;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, bool> _answerable = new(StringComparer.OrdinalIgnoreCase);
    private (int Count, DateTimeOffset? Earliest, DateTimeOffset? Latest) _state = (-1, null, null);
    private IReadOnlyList<string> _examples = [];

    public void Dispose() => _gate.Dispose();

    public async Task<IReadOnlyList<string>> ExamplesAsync(CancellationToken cancellationToken = default)
    {
        var summary = await corpus.GetSummaryAsync(cancellationToken);
        if (summary.ArticleCount == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var state = (summary.ArticleCount, summary.Earliest, summary.Latest);
            if (state == _state)
            {
                return _examples;
            }

            _answerable.Clear();
            var found = await retriever.RetrieveAsync(new RetrievalRequest(Subject, Top: ExamplePassages), cancellationToken);
            // The articles' own questions first; the configured ones (Answers:ExampleQuestions) when there are too few.
            var candidates = OneEachFirst(Candidates(found.Ranked.Take(ExamplePassages))).Concat(summary.ExampleQuestions);
            _examples = await AnswerableAsync(candidates, MaxExamples, exclude: null, cancellationToken);
            _state = state;
            return _examples;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> CloseToAsync(string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        var examples = await ExamplesAsync(cancellationToken);
        var found = await retriever.RetrieveAsync(new RetrievalRequest(question, Top: ClosePassages), cancellationToken);
        var asked = TextAnalyzer.Terms(question).ToHashSet(StringComparer.Ordinal);
        // The articles nearest the question first, then the examples; among them, those sharing most words with it.
        var candidates = OneEachFirst(Candidates(found.Ranked.Take(ClosePassages))).Concat(examples)
            .Select((q, rank) => (Question: q, Rank: rank, Shared: TextAnalyzer.Terms(q).Count(asked.Contains)))
            .OrderByDescending(c => c.Shared).ThenBy(c => c.Rank)
            .Select(c => c.Question);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await AnswerableAsync(candidates, MaxClose, exclude: question, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The questions each passage suggests, in passage order, one list per passage.</summary>
    private static IEnumerable<List<string>> Candidates(IEnumerable<RetrievedPassage> passages) =>
        passages.DistinctBy(p => p.Passage.ArticleId).Select(p => QuestionShapes.From(p.Passage.Title, p.Passage.Text).ToList());

    /// <summary>The first question of every article, then the second of every article, and so on: variety first.</summary>
    private static IEnumerable<string> OneEachFirst(IEnumerable<List<string>> perArticle)
    {
        var lists = perArticle.ToList();
        for (var i = 0; lists.Exists(l => i < l.Count); i++)
        {
            foreach (var list in lists.Where(l => i < l.Count))
            {
                yield return list[i];
            }
        }
    }

    private async Task<IReadOnlyList<string>> AnswerableAsync(IEnumerable<string> candidates, int wanted, string? exclude, CancellationToken cancellationToken)
    {
        var chosen = new List<string>();
        var checks = 0;
        foreach (var candidate in candidates.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (chosen.Count == wanted || checks == MaxChecks)
            {
                break;
            }
            if (string.Equals(candidate.Trim(), exclude?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!_answerable.TryGetValue(candidate, out var answerable))
            {
                checks++;
                var retrieval = await retriever.RetrieveAsync(new RetrievalRequest(candidate), cancellationToken);
                answerable = retrieval.Passages.Count > 0;
                if (_answerable.Count == MaxRemembered)
                {
                    _answerable.Clear();
                }
                _answerable[candidate] = answerable;
            }
            if (answerable)
            {
                chosen.Add(candidate);
            }
        }

        return chosen;
    }
}
