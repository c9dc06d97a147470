using Spectre.Console;
using TradeBot.Core.Retrieval;

namespace TradeBot.Cli;

/// <summary>Prints why retrieval found what it found: the analysed terms, each candidate's scores, the checks' verdict.</summary>
internal static class RetrievalExplainer
{
    private const int CandidatesShown = 12;

    public static void Print(IAnsiConsole console, RetrievalResult retrieval)
    {
        var terms = new Table().AddColumns("term", "weight", "name", "from", "related (strong / weak)");
        foreach (var term in retrieval.Terms)
        {
            terms.AddRow(
                Markup.Escape(term.Term),
                term.Weight.ToString("0.00"),
                term.IsName ? "name" : term.IsContext ? "context" : string.Empty,
                Markup.Escape(term.CorrectedFrom ?? string.Empty),
                Markup.Escape($"{string.Join(' ', term.Strong.Take(6))} / {string.Join(' ', term.Weak.Take(6))}"));
        }
        console.Write(terms);

        var candidates = new Table().AddColumns("#", "article", "coverage", "similarity", "fused", "score", "names", "chosen", "passage");
        var chosen = retrieval.Passages.Select(p => p.Passage.Id).ToHashSet();
        foreach (var (candidate, rank) in retrieval.Ranked.Take(CandidatesShown).Select((c, i) => (c, i + 1)))
        {
            var text = candidate.Passage.Text.ReplaceLineEndings(" ");
            candidates.AddRow(
                rank.ToString(),
                Markup.Escape(candidate.Passage.ArticleId),
                candidate.Coverage.ToString("0.00"),
                candidate.Similarity.ToString("0.00"),
                candidate.FusedScore.ToString("0.0000"),
                candidate.Score.ToString("0.00"),
                candidate.HasAllNames ? "all" : "missing",
                chosen.Contains(candidate.Passage.Id) ? "yes" : string.Empty,
                Markup.Escape(text.Length > 90 ? text[..90] + "…" : text));
        }
        console.Write(candidates);
        console.MarkupLineInterpolated($"[bold]checks:[/] {retrieval.DeclineReason ?? "passed"}; {retrieval.Passages.Count} passages chosen of {retrieval.Ranked.Count} candidates");
        if (retrieval is { Date: { } date, AtOtherTimes.Count: > 0 })
        {
            console.MarkupLineInterpolated($"[bold]another time:[/] {retrieval.AtOtherTimes.Count} passages with the question's names speak of another time than {date.Words}; the answer is declined when the sentence that best gives what is asked is one of theirs");
        }
    }
}
