using TradeBot.Core.Embeddings;
using System.Linq.Expressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;
using TradeBot.Core.Text;

namespace TradeBot.Core.Retrieval;

/// <summary>
/// Finds the passages that answer a question: hybrid search (BM25 + vector, fused by RRF) for candidates, then
/// re-scoring by how much of the question each covers, a relevance floor below which nothing is returned, and a
/// cap per article for diversity.
/// </summary>
public sealed class PassageRetriever(
    IKeywordHybridSearchable<PassageRecord> store,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    ITermStatisticsSource termStatistics,
    IOptions<RetrievalOptions> options)
{
    private readonly RetrievalOptions _options = options.Value;

    public async Task<RetrievalResult> RetrieveAsync(RetrievalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var statistics = await termStatistics.GetTermStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var terms = QuestionAnalyzer.Analyze(request.Question, statistics, _options.UseLexicon).ToList();
        if (terms.Count == 0)
        {
            return RetrievalResult.Empty(terms);
        }
        if (request.Context is { Count: > 0 } context && FollowUpDetector.IsFollowUp(request.Question, terms.Count))
        {
            var own = terms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
            terms.AddRange(context
                .SelectMany(c => QuestionAnalyzer.Analyze(c, statistics, _options.UseLexicon))
                .Where(t => own.Add(t.Term))
                .Select(t => t with { Weight = t.Weight * _options.ContextWeight, IsName = false, IsContext = true }));
        }

        var queryText = string.Join(' ', [request.Question, .. terms.Where(t => t.CorrectedFrom is not null).Select(t => t.Term)]);
        var vector = await embedder.GenerateVectorAsync(queryText, EmbeddingPurpose.Query(), cancellationToken).ConfigureAwait(false);
        var searchOptions = new HybridSearchOptions<PassageRecord> { Filter = Filter(request) };
        var candidates = new List<RetrievedPassage>();
        var keywords = terms.SelectMany(t => t.Strong.Prepend(t.Term)).Distinct(StringComparer.Ordinal).ToList();
        await foreach (var hit in store.HybridSearchAsync(vector, keywords, _options.Candidates, searchOptions, cancellationToken).ConfigureAwait(false))
        {
            var passageTerms = TextAnalyzer.Terms(hit.Record.Text).Concat(TextAnalyzer.Terms(hit.Record.Title)).ToHashSet(StringComparer.Ordinal);
            if (terms.Where(t => t.IsName).All(t => t.MatchIn(passageTerms) >= QueryTerm.StrongFactor))
            {
                candidates.Add(new RetrievedPassage(hit.Record, Coverage(terms, passageTerms), hit.Score ?? 0));
            }
        }

        var ranked = candidates.OrderByDescending(c => c.Coverage).ThenByDescending(c => c.FusedScore).ToList();
        var perArticle = new Dictionary<string, int>(StringComparer.Ordinal);
        var chosen = new List<RetrievedPassage>();
        foreach (var candidate in ranked.Where(c => c.Coverage >= _options.RelevanceFloor))
        {
            var count = perArticle.GetValueOrDefault(candidate.Passage.ArticleId);
            if (count < _options.MaxPassagesPerArticle && chosen.Count < request.Top)
            {
                perArticle[candidate.Passage.ArticleId] = count + 1;
                chosen.Add(candidate);
            }
        }
        return new RetrievalResult(terms, chosen) { Ranked = ranked };
    }

    /// <summary>The IDF-weighted share of the query terms found in a text.</summary>
    public static double Coverage(IReadOnlyList<QueryTerm> terms, IReadOnlySet<string> textTerms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var total = terms.Sum(t => t.Weight);
        return total <= 0 ? 0 : terms.Sum(t => t.Weight * t.MatchIn(textTerms)) / total;
    }

    private static Expression<Func<PassageRecord, bool>>? Filter(RetrievalRequest request)
    {
        var filter = request.Filter;
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
