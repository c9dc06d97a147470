using System.Globalization;
using System.Text;
using System.Text.Json;

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
        var reports = new Dictionary<(string, string), JsonElement>();
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
                reports[(set, embedder)] = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            }
        }
        var table = Table(reports, shared, Path.Combine(stores, "results", "embedder.json"));
        File.WriteAllText(readme, string.Concat(text.AsSpan(0, begin + Begin.Length), "\n", table, text.AsSpan(end)));
        Console.WriteLine($"quality report: the table in {readme} is this run's");
        return 0;
    }

    private static string Table(Dictionary<(string, string), JsonElement> reports, string shared, string throughputFile)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Scale.ScaleRun.Machine()}, load average {Scale.ScaleRun.LoadAverage()}.");
        table.AppendLine();
        table.AppendLine("| set (corpus) | measure | built-in | arctic (default) |");
        table.AppendLine("| --- | --- | --- | --- |");
        foreach (var (set, corpus, label) in s_sets)
        {
            var path = Path.Combine(shared, corpus);
            var articles = File.Exists(path) ? File.ReadLines(path).Count() : Directory.GetFiles(path).Length;
            void Row(string first, string measure, Func<JsonElement, string> value) =>
                table.AppendLine(CultureInfo.InvariantCulture, $"| {first} | {measure} | {value(reports[(set, "builtin")])} | {value(reports[(set, "arctic")])} |");
            Row(string.Format(CultureInfo.InvariantCulture, label, articles), "cases passed", r => Share(r, "passRate"));
            Row(string.Empty, "single-turn / two-turn", r => $"{Share(r, "singleTurnPassRate")} / {Share(r, "multiTurnPassRate")}");
            Row(string.Empty, "recall@1 / @5 / @20 of a gold article", r => r.GetProperty("recallAt1").GetProperty("total").GetInt32() is var gold and > 0
                ? $"{Hits(r, "recallAt1")} / {Hits(r, "recallAt5")} / {Hits(r, "recallAt20")} of {gold}"
                : "no gold articles");
            Row(string.Empty, "false refusals / false answers", r =>
            {
                var refuse = r.GetProperty("refuseCases").GetInt32();
                var toAnswer = r.GetProperty("passRate").GetProperty("total").GetInt32() - refuse;
                return $"{r.GetProperty("falseRefusals").GetInt32()} of {toAnswer} / {r.GetProperty("falseAnswers").GetInt32()} of {refuse}";
            });
            Row(string.Empty, "answer latency p50 / p95 after the first turn; first turn", r => string.Create(CultureInfo.InvariantCulture,
                $"{r.GetProperty("latencyP50Ms").GetDouble():F1} / {r.GetProperty("latencyP95Ms").GetDouble():F1} ms; {r.GetProperty("firstTurnLatencyMs").GetDouble() / 1000:F1} s"));
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

    private static string Hits(JsonElement report, string measure) => report.GetProperty(measure).GetProperty("hits").GetInt32().ToString(CultureInfo.InvariantCulture);

    private static string Share(JsonElement report, string measure) =>
        $"{Hits(report, measure)}/{report.GetProperty(measure).GetProperty("total").GetInt32()}";
}
