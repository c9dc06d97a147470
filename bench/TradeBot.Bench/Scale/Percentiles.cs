namespace TradeBot.Bench.Scale;

/// <summary>p50, p95 and p99 of a set of timings in milliseconds (nearest rank).</summary>
internal sealed record Percentiles(double P50, double P95, double P99, double Mean)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, 0, 0, 0);
        }
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(0.50), At(0.95), At(0.99), sorted.Average());
    }
}
