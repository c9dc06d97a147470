using Microsoft.Extensions.VectorData;
using TradeBot.Core.Answers;
using TradeBot.Core.Stores;

namespace TradeBot.Cli;

/// <summary>Judges an answer against a case: required strings, honest citations, or a plain refusal.</summary>
internal sealed class EvalJudge(VectorStoreCollection<Guid, PassageRecord> passages)
{
    private const int MaxPassagesPerArticle = 10_000;

    public async Task<string?> FailureAsync(EvalCase evalCase, Answer answer, CancellationToken cancellationToken)
    {
        if (evalCase.Refuse)
        {
            return answer.Answered || answer.Citations.Count > 0 ? "should have declined, but answered" : null;
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
            if (answer.Citations.Count == 0)
            {
                return "cites nothing";
            }
            foreach (var citation in answer.Citations)
            {
                if (!await QuoteStandsInArticleAsync(citation, cancellationToken))
                {
                    return $"citation [{citation.Number}] quotes text that is not in article {citation.ArticleId}";
                }
            }
        }
        return null;
    }

    private async Task<bool> QuoteStandsInArticleAsync(Citation citation, CancellationToken cancellationToken)
    {
        var articleId = citation.ArticleId;
        var texts = new List<string>();
        await foreach (var passage in passages.GetAsync(r => r.ArticleId == articleId, MaxPassagesPerArticle, cancellationToken: cancellationToken))
        {
            texts.Add(passage.Text);
        }
        return texts.Count > 0 && citation.Quote.Split(" … ").All(part => texts.Any(t => t.Contains(part, StringComparison.Ordinal)));
    }
}
