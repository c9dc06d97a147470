using Microsoft.Extensions.VectorData;
using TradeBot.Core.Answers;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Evaluation;

/// <summary>
/// The evaluation rules of shared/eval/README.md: the required string groups (case-insensitively), citations whose
/// every quoted part (quotes of one article are joined by " … ") stands verbatim in a passage of the cited article,
/// or a plain refusal that cites nothing.
/// </summary>
/// <param name="passageTextsOf">The texts of an article's stored passages; empty when the store has no such article.</param>
internal sealed class EvalJudge(Func<string, CancellationToken, Task<IReadOnlyList<string>>> passageTextsOf)
{
    public const string QuoteSeparator = " … ";

    // Far more than any article has; a bound the stores' filtered gets require.
    private const int MaxPassagesPerArticle = 10_000;

    /// <summary>A judge that reads the cited articles' passages from the store.</summary>
    public static EvalJudge Over(VectorStoreCollection<Guid, PassageRecord> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        return new EvalJudge(async (articleId, cancellationToken) =>
        {
            var texts = new List<string>();
            await foreach (var passage in passages.GetAsync(r => r.ArticleId == articleId, MaxPassagesPerArticle, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                texts.Add(passage.Text);
            }
            return texts;
        });
    }

    /// <summary>Why the answer fails the case, or null when it passes.</summary>
    public async Task<string?> FailureAsync(EvalCase evalCase, Answer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);
        if (evalCase.Refuse)
        {
            return answer.Answered ? "should have declined, but answered"
                : answer.Citations.Count > 0 ? "declined, but cites sources"
                : null;
        }
        if (!answer.Answered)
        {
            return "declined to answer";
        }
        foreach (var group in evalCase.All ?? [])
        {
            if (!group.Any(s => answer.Text.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                return $"answer lacks any of: {string.Join(" | ", group)}";
            }
        }
        if (evalCase.Cite)
        {
            return answer.Citations.Count == 0 ? "cites nothing" : await CitationFailureAsync(answer, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>The first citation whose quote is not text of the cited article, or null when every citation is honest.</summary>
    public async Task<string?> CitationFailureAsync(Answer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        foreach (var citation in answer.Citations)
        {
            var texts = await passageTextsOf(citation.ArticleId, cancellationToken).ConfigureAwait(false);
            if (texts.Count == 0)
            {
                return $"citation [{citation.Number}] names article {citation.ArticleId}, which has no passages";
            }
            foreach (var part in citation.Quote.Split(QuoteSeparator))
            {
                // An empty part (an empty quote, a doubled separator) quotes nothing, so it supports nothing.
                if (part.Length == 0 || !texts.Any(t => t.Contains(part, StringComparison.Ordinal)))
                {
                    return $"citation [{citation.Number}] quotes text that is not in article {citation.ArticleId}: \"{part}\"";
                }
            }
        }
        return null;
    }
}
