namespace TradeBot.Core.Evaluation;

/// <summary>The figures over a set of cases: pass rates, retrieval recall of the gold articles, refusal errors, answer latency.</summary>
internal sealed record EvalReport(IReadOnlyList<EvalCaseResult> Cases)
{
    public Rate PassRate => PassRateOf(Cases);

    public Rate SingleTurnPassRate => PassRateOf([.. Cases.Where(c => !c.MultiTurn)]);

    public Rate MultiTurnPassRate => PassRateOf([.. Cases.Where(c => c.MultiTurn)]);

    public Rate RecallAt1 => RecallAt(1);

    public Rate RecallAt5 => RecallAt(5);

    public Rate RecallAt20 => RecallAt(20);

    /// <summary>Cases that should have been answered but were declined.</summary>
    public int FalseRefusals => Cases.Count(c => !c.Refuse && !c.Answered);

    /// <summary>Refuse cases that were answered.</summary>
    public int FalseAnswers => Cases.Count(c => c.Refuse && c.Answered);

    public int RefuseCases => Cases.Count(c => c.Refuse);

    /// <summary>
    /// The latency of the run's first turn, kept apart from the percentiles: it opens the store's indexes and loads the
    /// embedding model, once per process.
    /// </summary>
    public double? FirstTurnLatencyMs => Cases.Count == 0 ? null : Cases[0].Turns[0].LatencyMs;

    /// <summary>The latency of every answered (not declined) turn of every case after the run's first, earlier turns of a case included.</summary>
    public IReadOnlyList<double> AnsweredLatenciesMs => [.. Cases.SelectMany(c => c.Turns).Skip(1).Where(t => t.Answered).Select(t => t.LatencyMs)];

    public double? LatencyP50Ms => Percentile(AnsweredLatenciesMs, 50);

    public double? LatencyP95Ms => Percentile(AnsweredLatenciesMs, 95);

    public bool AllPassed => Cases.All(c => c.Passed);

    /// <summary>The share of the cases with gold articles (refuse cases excluded) that have one among the first k distinct articles.</summary>
    public Rate RecallAt(int k)
    {
        var measured = Cases.Where(c => c.RecallMeasured).ToList();
        return new Rate(measured.Count(c => c.HitAt(k)), measured.Count);
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of the values at or below it; null for none.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static Rate PassRateOf(IReadOnlyList<EvalCaseResult> cases) => new(cases.Count(c => c.Passed), cases.Count);
}
