using TradeBot.Core.Answers;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>
/// The evaluation rules (shared/eval/README.md): required strings case-insensitively, citations whose every quoted
/// part (quotes of one article are joined by " … ") stands verbatim in the cited article, or a plain refusal.
/// </summary>
internal static class AnswerJudge
{
    public static async Task<string?> FailureAsync(EvalCase evalCase, Answer answer, CorpusHost host)
    {
        if (evalCase.Refuse)
        {
            return answer.Answered || answer.Citations.Count > 0 ? $"should have declined, but answered: {answer.Text}" : null;
        }
        if (!answer.Answered)
        {
            return "declined to answer";
        }
        foreach (var group in evalCase.All ?? [])
        {
            if (!group.Any(s => answer.Text.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                return $"answer lacks any of: {string.Join(" | ", group)}; answer was: {answer.Text}";
            }
        }
        if (evalCase.Cite)
        {
            if (answer.Citations.Count == 0)
            {
                return "cites nothing";
            }
            return await CitationFailureAsync(answer, host);
        }
        return null;
    }

    /// <summary>The first citation whose quote is not text of the cited article, or null when all are honest.</summary>
    public static async Task<string?> CitationFailureAsync(Answer answer, CorpusHost host)
    {
        foreach (var citation in answer.Citations)
        {
            var texts = (await host.PassagesOfAsync(citation.ArticleId)).Select(p => p.Text).ToList();
            if (texts.Count == 0)
            {
                return $"citation [{citation.Number}] names article {citation.ArticleId}, which has no passages";
            }
            foreach (var part in citation.Quote.Split(" … "))
            {
                if (part.Length == 0 || !texts.Any(t => t.Contains(part, StringComparison.Ordinal)))
                {
                    return $"citation [{citation.Number}] quotes text that is not in article {citation.ArticleId}: \"{part}\"";
                }
            }
        }
        return null;
    }
}
