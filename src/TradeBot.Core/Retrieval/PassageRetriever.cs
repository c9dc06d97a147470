using System.Numerics.Tensors;
using TradeBot.Core.Embeddings;
using System.Linq.Expressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;
using TradeBot.Core.Text;

namespace TradeBot.Core.Retrieval;

/// <summary>
/// Finds the passages that answer a question: hybrid search (BM25 over the question's own terms + the dense vector,
/// fused by RRF) for candidates, then one re-ranking by how much of the question each covers (related words count
/// less) together with its semantic similarity, explicit checks that decline a question the articles do not answer,
/// and a cap per article for diversity.
/// </summary>
public sealed class PassageRetriever(
    IKeywordHybridSearchable<PassageRecord> store,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    ITermStatisticsSource termStatistics,
    IOptions<RetrievalOptions> options,
    IRecencyReference? recency = null)
{
    /// <summary>What being the newest of the relevant passages adds to a score when the question asks for the latest.</summary>
    private const double NewestBonus = 0.5;

    private readonly RetrievalOptions _options = options.Value;

    public async Task<RetrievalResult> RetrieveAsync(RetrievalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var statistics = await termStatistics.GetTermStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var terms = QuestionAnalyzer.Analyze(request.Question, statistics, _options.UseLexicon).ToList();
        if (request.Context is { Count: > 0 } context && FollowUpDetector.IsFollowUp(request.Question, terms.Count))
        {
            var own = terms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
            terms.AddRange(context
                .SelectMany(c => QuestionAnalyzer.Analyze(c, statistics, _options.UseLexicon))
                .Where(t => own.Add(t.Term))
                .Select(t => t with { Weight = t.Weight * _options.ContextWeight, IsName = false, IsContext = true }));
        }
        // The reference day is read from the store, so only for a question that needs it.
        var today = recency is null || !DateConstraint.SpeaksOfRecency(request.Question) ? null
            : await recency.TodayAsync(cancellationToken).ConfigureAwait(false);
        var date = request.From is null && request.To is null ? DateConstraint.Find(request.Question, today) : null;
        if (date is { IsRelative: true } or { IsMonth: true })
        {
            // "Today" and "this week" say when, not what: like month names, they are not searched for. Nor is the year of
            // a month ("March 1987"): the month's articles are found by their date, and a month's report seldom repeats
            // its year ("the trade surplus in March").
            var when = date.WordTerms();
            terms.RemoveAll(t => when.Contains(t.Term));
        }
        if (terms.Count == 0)
        {
            return RetrievalResult.Empty(terms) with { DeclineReason = "the question has no words to search for" };
        }
        if (UnknownTermReason(terms, statistics) is { } unknown)
        {
            return RetrievalResult.Empty(terms) with { DeclineReason = unknown };
        }

        // A follow-up means little alone: its vector carries the question it follows.
        var followed = terms.Any(t => t.IsContext) ? request.Context![0] : null;
        var queryText = string.Join(' ', [.. followed is null ? [] : new[] { followed }, request.Question, .. terms.Where(t => t.CorrectedFrom is not null).Select(t => t.Term)]);
        var vector = (await embedder.GenerateVectorAsync(queryText, EmbeddingPurpose.Query(), cancellationToken).ConfigureAwait(false)).ToArray();
        var keywords = terms.Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        var candidates = await CandidatesAsync(vector, keywords, terms, Filter(request, date), cancellationToken).ConfigureAwait(false);
        List<RetrievedPassage> atOtherTimes = [];
        if (date is not null)
        {
            // Undated articles cannot be placed in time: they may still speak of it in their text.
            if (candidates.Count == 0)
            {
                candidates = await CandidatesAsync(vector, keywords, terms, Filter(request, null), cancellationToken).ConfigureAwait(false);
            }
            var inTime = candidates.Where(c => date.Covers(c.Passage.Published, c.Passage.Text)).ToList();
            if (inTime.Count == 0 && candidates.Count > 0)
            {
                return new RetrievalResult(terms, []) { Ranked = candidates, DeclineReason = $"no passage about this speaks of {date.Words}" };
            }
            atOtherTimes = [.. candidates.Except(inTime).Where(c => c.HasAllNames).OrderByDescending(c => c.Score).Take(request.Top)];
            candidates = inTime;
        }

        var ranked = candidates.OrderByDescending(c => c.Score).ToList();
        if (DeclineReason(terms, ranked) is { } reason)
        {
            return new RetrievalResult(terms, []) { Ranked = ranked, DeclineReason = reason };
        }
        var perArticle = new Dictionary<string, int>(StringComparer.Ordinal);
        var chosen = new List<RetrievedPassage>();
        foreach (var candidate in ranked.Where(c => c.Coverage >= _options.RelevanceFloor * ranked[0].Coverage))
        {
            var count = perArticle.GetValueOrDefault(candidate.Passage.ArticleId);
            if (count < _options.MaxPassagesPerArticle && chosen.Count < request.Top)
            {
                perArticle[candidate.Passage.ArticleId] = count + 1;
                chosen.Add(candidate);
            }
        }
        if (date is { NewestFirst: true })
        {
            chosen = NewestFirst(chosen);
        }
        return new RetrievalResult(terms, chosen) { Ranked = ranked, Date = date, AtOtherTimes = atOtherTimes };
    }

    /// <summary>
    /// "The latest": of the passages relevant enough, the newer score more (up to <see cref="NewestBonus"/> for the
    /// newest, nothing for the oldest or undated), so that the newest lead the answer.
    /// </summary>
    private static List<RetrievedPassage> NewestFirst(List<RetrievedPassage> chosen)
    {
        var dates = chosen.Select(c => c.Passage.Published).OfType<DateTimeOffset>().ToList();
        if (dates.Count == 0)
        {
            return chosen;
        }
        var (oldest, span) = (dates.Min(), Math.Max(1, (dates.Max() - dates.Min()).Ticks));
        return [.. chosen
            .Select(c => c with { Score = c.Score + (c.Passage.Published is { } p ? NewestBonus * (p - oldest).Ticks / span : 0) })
            .OrderByDescending(c => c.Score)];
    }

    private async Task<List<RetrievedPassage>> CandidatesAsync(float[] vector, List<string> keywords, IReadOnlyList<QueryTerm> terms,
        Expression<Func<PassageRecord, bool>>? filter, CancellationToken cancellationToken)
    {
        var searchOptions = new HybridSearchOptions<PassageRecord> { Filter = filter, IncludeVectors = true };
        var candidates = new List<RetrievedPassage>();
        var names = terms.Where(t => t.IsName).ToList();
        await foreach (var hit in store.HybridSearchAsync(vector, keywords, _options.Candidates, searchOptions, cancellationToken).ConfigureAwait(false))
        {
            var passageTerms = TermsOf(hit.Record);
            var coverage = Coverage(terms, passageTerms);
            var similarity = hit.Record.Embedding.Length == vector.Length ? TensorPrimitives.Dot(vector, hit.Record.Embedding.Span) : 0;
            var namesFound = names.Count(t => t.MatchIn(passageTerms) >= QueryTerm.StrongFactor);
            candidates.Add(new RetrievedPassage(hit.Record, coverage, hit.Score ?? 0)
            {
                Similarity = similarity,
                HasAllNames = namesFound == names.Count,
                Score = coverage + (_options.SimilarityWeight * similarity),
            });
        }
        return candidates;
    }

    private static IReadOnlySet<string> TermsOf(PassageRecord passage) => PassageAnalysis.Of(passage.Text, passage.Title).Terms;

    /// <summary>
    /// A name that no article uses in any of its forms ("Warsaw" or "Poland"), or a word that no article uses and that
    /// is neither English nor a misspelling of an article's word.
    /// </summary>
    private static string? UnknownTermReason(IReadOnlyList<QueryTerm> terms, TermStatistics statistics)
    {
        foreach (var term in terms.Where(t => !t.IsContext && t.CorrectedFrom is null && statistics.DocumentFrequency(t.Term) == 0))
        {
            if (term.IsName)
            {
                if (term.Strong.All(alias => statistics.DocumentFrequency(alias) == 0))
                {
                    return $"no article mentions '{term.Term}'";
                }
            }
            else if (!term.IsKnownWord && !term.Term.Any(char.IsDigit))
            {
                return $"no article uses the word '{term.Term}'";
            }
        }
        return null;
    }

    private string? DeclineReason(IReadOnlyList<QueryTerm> terms, List<RetrievedPassage> ranked)
    {
        if (ranked.Count == 0)
        {
            return "no passage matches the question";
        }
        if (terms.Any(t => t.IsName) && !ranked.Any(c => c.HasAllNames))
        {
            return $"no article speaks of {string.Join(" and ", terms.Where(t => t.IsName).Select(t => $"'{t.Term}'"))} together with the question's topic";
        }
        // Names decide only whether they occur with the topic; how well the question is covered is judged on every
        // candidate, since a passage may name a country by its capital or its people.
        var coverage = ranked.Max(c => c.Coverage);
        if (coverage < _options.MinCoverage)
        {
            return $"no passage covers enough of the question (best {coverage:0.00})";
        }
        var similarity = ranked.Max(c => c.Similarity);
        if (similarity < (_options.MinSimilarity ?? 0))
        {
            return $"no passage is close enough in meaning (best {similarity:0.00})";
        }
        return null;
    }

    /// <summary>The IDF-weighted share of the query terms found in a text.</summary>
    public static double Coverage(IReadOnlyList<QueryTerm> terms, IReadOnlySet<string> textTerms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var total = terms.Sum(t => t.Weight);
        return total <= 0 ? 0 : terms.Sum(t => t.Weight * t.MatchIn(textTerms)) / total;
    }

    private static Expression<Func<PassageRecord, bool>>? Filter(RetrievalRequest request, DateConstraint? date)
    {
        var filter = request.Filter;
        // A month's articles, with the weeks its figures are reported in; "today" and "this week" by date alone.
        DateTimeOffset? written = date switch
        {
            { IsMonth: true } => date.To + DateConstraint.ReportingLag,
            { IsRelative: true, NewestFirst: false } => date.To,
            _ => null,
        };
        if (written is { } last)
        {
            var first = date!.From;
            filter = And(filter, r => r.Published >= first);
            filter = And(filter, r => r.Published <= last);
        }
        if (request.From is { } from)
        {
            filter = And(filter, r => r.Published >= from);
        }
        if (request.To is { } to)
        {
            filter = And(filter, r => r.Published <= to);
        }
        if (request.Sources is { Count: > 0 } sources)
        {
            var outlets = sources.ToList();
            filter = And(filter, r => outlets.Contains(r.Source));
        }
        return filter;
    }

    private static Expression<Func<PassageRecord, bool>> And(Expression<Func<PassageRecord, bool>>? left, Expression<Func<PassageRecord, bool>> right)
    {
        if (left is null)
        {
            return right;
        }
        var parameter = left.Parameters[0];
        var body = Expression.AndAlso(left.Body, new ParameterReplacer(right.Parameters[0], parameter).Visit(right.Body));
        return Expression.Lambda<Func<PassageRecord, bool>>(body, parameter);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
