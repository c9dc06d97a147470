using System.Globalization;
using System.Text;
using System.Text.Json;
using TradeBot.Core.Evaluation;

namespace TradeBot.Bench;

/// <summary>
/// The README's answer-quality table, from what <c>bench/quality.sh</c> left in its stores folder: the JSON report of
/// each development set's <c>eval</c> with each embedder, and the embedders' throughput. It replaces what stands
/// between the README's two quality-table markers, so the figures there are the last run's.
/// </summary>
internal static class QualityReport
{
    private const string Begin = "<!-- quality-table:begin: written by bench/quality.sh -->";
    private const string End = "<!-- quality-table:end -->";

    private static readonly (string Set, string Corpus, string Label)[] s_sets =
    [
        ("reuters", "corpora/reuters21578/articles.jsonl", "`reuters-dev` ({0:N0} Reuters articles)"),
        ("bbc", "corpora/bbc-news/articles.jsonl", "`bbc-dev` ({0:N0} BBC articles)"),
        ("seed-qa", "seeds", "`seed-qa-dev` (the two seed articles)"),
    ];

    private static readonly string[] s_embedders = ["builtin", "arctic"];

    private static readonly JsonSerializerOptions s_reportJson = new(JsonSerializerDefaults.Web);

    public static int Write(string stores, string root, string shared)
    {
        var readme = Path.Combine(root, "README.md");
        var text = File.ReadAllText(readme);
        var (begin, end) = (text.IndexOf(Begin, StringComparison.Ordinal), text.IndexOf(End, StringComparison.Ordinal));
        if (begin < 0 || end < begin)
        {
            Console.Error.WriteLine($"quality report: {readme} has no quality-table markers");
            return 2;
        }
        var reports = new Dictionary<(string, string), EvalReport>();
        var measured = DateTime.MinValue;
        foreach (var (set, _, _) in s_sets)
        {
            foreach (var embedder in s_embedders)
            {
                var file = Path.Combine(stores, $"{set}-{embedder}.json");
                if (!File.Exists(file))
                {
                    Console.Error.WriteLine($"quality report: no eval report at {file}; run bench/quality.sh");
                    return 2;
                }
                try
                {
                    // The report as `eval --json` wrote it: its figures are worked out from its cases as `eval` printed them.
                    reports[(set, embedder)] = JsonSerializer.Deserialize<EvalReport>(File.ReadAllText(file), s_reportJson)
                        ?? throw new JsonException("null is not a report");
                }
                catch (JsonException e)
                {
                    Console.Error.WriteLine($"quality report: {file} is not an eval report ({e.Message}); run bench/quality.sh");
                    return 2;
                }
                var written = File.GetLastWriteTimeUtc(file);
                measured = written > measured ? written : measured;
            }
        }
        var table = Table(reports, measured, shared, Path.Combine(stores, "results", "embedder.json"));
        File.WriteAllText(readme, string.Concat(text.AsSpan(0, begin + Begin.Length), "\n", table, text.AsSpan(end)));
        Console.WriteLine($"quality report: the table in {readme} is this run's");
        return 0;
    }

    private static string Table(Dictionary<(string, string), EvalReport> reports, DateTime measured, string shared, string throughputFile)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Measured {measured:yyyy-MM-dd HH:mm} UTC (the last eval's report) on {Scale.ScaleRun.Machine()}.");
        table.AppendLine();
        table.AppendLine("| set (corpus) | measure | built-in | arctic (default) |");
        table.AppendLine("| --- | --- | --- | --- |");
        foreach (var (set, corpus, label) in s_sets)
        {
            var path = Path.Combine(shared, corpus);
            var articles = File.Exists(path) ? File.ReadLines(path).Count() : Directory.GetFiles(path).Length;
            void Row(string first, string measure, Func<EvalReport, string> value) =>
                table.AppendLine(CultureInfo.InvariantCulture, $"| {first} | {measure} | {value(reports[(set, "builtin")])} | {value(reports[(set, "arctic")])} |");
            Row(string.Format(CultureInfo.InvariantCulture, label, articles), "cases passed", r => Share(r.PassRate));
            Row(string.Empty, "single-turn / two-turn", r => $"{Share(r.SingleTurnPassRate)} / {Share(r.MultiTurnPassRate)}");
            Row(string.Empty, "recall@1 / @5 / @20 of a gold article", r => r.RecallAt1.Total > 0
                ? $"{r.RecallAt1.Hits} / {r.RecallAt5.Hits} / {r.RecallAt20.Hits} of {r.RecallAt1.Total}"
                : "no gold articles");
            Row(string.Empty, "false refusals / false answers", r => $"{r.FalseRefusals} of {r.Cases.Count - r.RefuseCases} / {r.FalseAnswers} of {r.RefuseCases}");
            Row(string.Empty, "answer latency p50 / p95 after the first turn; first turn", r => string.Create(CultureInfo.InvariantCulture,
                $"{r.LatencyP50Ms:F1} / {r.LatencyP95Ms:F1} ms; {r.FirstTurnLatencyMs / 1000:F1} s"));
        }
        if (File.Exists(throughputFile))
        {
            var throughput = JsonDocument.Parse(File.ReadAllText(throughputFile)).RootElement;
            table.AppendLine();
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Embedding throughput (`TradeBot.Bench embedder`, {throughput.GetProperty("Passages").GetInt32()} Reuters passages): arctic {throughput.GetProperty("ArcticPassagesPerSecond").GetDouble():F1} passages/s, a question {throughput.GetProperty("ArcticQuestion").GetProperty("P50").GetDouble():F0} ms; built-in {throughput.GetProperty("BuiltinPassagesPerSecond").GetDouble():N0} passages/s."));
        }
        return table.ToString();
    }

    private static string Share(Rate rate) => $"{rate.Hits}/{rate.Total}";
}
