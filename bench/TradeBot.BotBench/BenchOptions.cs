namespace TradeBot.BotBench;

/// <summary>
/// Command-line settings of the /api/messages load run. <see cref="WarmUp"/> is driven like the rest but not measured:
/// a freshly started server runs unoptimized code until the JIT has recompiled its hot methods (about 25 s on 2 busy cores).
/// </summary>
internal sealed record BenchOptions(Uri Endpoint, int Conversations, TimeSpan Duration, TimeSpan WarmUp, string? QuestionsFile, int? ServerPid)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var pid = Value("--pid", string.Empty);
        return new BenchOptions(
            new Uri(Value("--url", "http://localhost:3978/api/messages")),
            int.Parse(Value("--conversations", "50"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds", "60"), System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Value("--warmup", "30"), System.Globalization.CultureInfo.InvariantCulture)),
            Value("--questions", string.Empty) is { Length: > 0 } file ? file : null,
            pid.Length > 0 ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}
