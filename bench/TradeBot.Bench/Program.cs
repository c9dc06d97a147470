using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core;
using TradeBot.Core.Answers;
using TradeBot.Core.Ingestion;

// Ingestion and answer benchmark on a real corpus (default: Reuters-21578 from ../shared, never copied into the repo).
// Usage: dotnet run -c Release --project bench/TradeBot.Bench [-- path/to/articles.jsonl]
// The scale runner (bench/scale.sh runs it): `-- scale SIZE WORK [--reuse]` (--reuse: only the queries, on the last store), `-- memory SIZE WORK` (a restarted server on that store), `-- embedder WORK`, `-- report WORK COMMAND`.
// bench/quality.sh: `-- quality-report STORES` (the README's answer-quality table from the eval reports in STORES).
var root = FindRoot();
// ../shared beside the repository; from a worktree further down, the nearest such folder above it (or TRADEBOT_SHARED).
var shared = Environment.GetEnvironmentVariable("TRADEBOT_SHARED") ?? FindShared(root);
switch (args)
{
    case ["scale", string size, string scaleWork, .. var options]:
        return await TradeBot.Bench.Scale.ScaleRun.RunAsync(int.Parse(size, System.Globalization.CultureInfo.InvariantCulture), Path.GetFullPath(scaleWork), shared, options.Contains("--reuse"));
    case ["memory", string size, string scaleWork]:
        return await TradeBot.Bench.Scale.ScaleMemory.RunAsync(int.Parse(size, System.Globalization.CultureInfo.InvariantCulture), Path.GetFullPath(scaleWork), shared, 30);
    case ["embedder", string scaleWork]:
        return await TradeBot.Bench.Scale.EmbedderThroughput.RunAsync(Path.GetFullPath(scaleWork), shared, 400);
    case ["report", string scaleWork, string command]:
        return TradeBot.Bench.Scale.ScaleReport.Write(Path.GetFullPath(scaleWork), root, command);
    case ["quality-report", string stores]:
        return TradeBot.Bench.QualityReport.Write(Path.GetFullPath(stores), root, shared);
    default:
        break;
}
var corpusFile = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(root, "..", "shared", "corpora", "reuters21578", "articles.jsonl");
if (!File.Exists(corpusFile))
{
    Console.Error.WriteLine($"bench: no corpus file at {corpusFile}");
    return 2;
}
var work = Path.Combine(Path.GetTempPath(), "tradebot-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(Path.Combine(work, "corpus"));
try
{
    await using var services = TradeBot.Bench.BenchServices.Create(work);
    var synchronizer = services.GetRequiredService<CorpusSynchronizer>();

    Console.WriteLine($"corpus: {corpusFile} ({new FileInfo(corpusFile).Length / 1_048_576.0:F1} MB)");
    var clock = Stopwatch.StartNew();
    var first = await synchronizer.SyncAsync([corpusFile]);
    var ingestSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"ingest: {first.Added:N0} articles, {first.Passages:N0} passages, {first.Failed} failed in {ingestSeconds:F1} s = {first.Added / ingestSeconds:N0} articles/s");

    clock.Restart();
    var again = await synchronizer.SyncAsync([corpusFile]);
    Console.WriteLine($"re-ingest unchanged: {again.Unchanged:N0} unchanged, {again.Added + again.Updated + again.Removed} written in {clock.Elapsed.TotalSeconds:F2} s");

    var answerer = services.GetRequiredService<IQuestionAnswerer>();
    string[] questions =
    [
        "What did Japan say about its trade surplus with the United States?",
        "Which tariffs did the US impose on Japanese electronics?",
        "What happened at the GATT trade talks?",
        "How did the EC respond to US farm subsidies?",
        "What is the US trade deficit?",
        "Did South Korea agree to open its markets?",
        "What did Baker say about the dollar?",
        "Are there sanctions over semiconductors?",
        "What did Taiwan do to cut its trade surplus?",
        "What is the capital of France?",
        "What did the cocoa producers agree?",
        "How much oil did OPEC produce?",
    ];
    foreach (var question in questions)
    {
        await answerer.AnswerAsync(question, []); // warm-up
    }
    var latencies = new List<double>();
    var answered = 0;
    for (var round = 0; round < 10; round++)
    {
        foreach (var question in questions)
        {
            clock.Restart();
            var answer = await answerer.AnswerAsync(question, []);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            answered += answer.Answered ? 1 : 0;
        }
    }
    latencies.Sort();
    Console.WriteLine($"answers: {latencies.Count} in-process, p50 {Percentile(latencies, 0.50):F1} ms, p95 {Percentile(latencies, 0.95):F1} ms, {answered * 100 / latencies.Count}% answered");
    using var process = Process.GetCurrentProcess();
    var database = Path.Combine(work, "data", "tradebot.db");
    var storeBytes = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    Console.WriteLine($"peak memory (working set): {process.PeakWorkingSet64 / 1_048_576} MB; store size: {storeBytes / 1_048_576.0:F0} MB");
    foreach (var question in questions.Take(3))
    {
        var answer = await answerer.AnswerAsync(question, []);
        Console.WriteLine($"Q: {question}\nA: {answer.Text}\n");
    }
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static string FindShared(string root)
{
    for (var folder = new DirectoryInfo(root).Parent; folder is not null; folder = folder.Parent)
    {
        if (Directory.Exists(Path.Combine(folder.FullName, "shared", "corpora")))
        {
            return Path.Combine(folder.FullName, "shared");
        }
    }
    return Path.Combine(root, "..", "shared");
}

static string FindRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "TradeBot.sln")))
        {
            return folder.FullName;
        }
    }
    return Directory.GetCurrentDirectory();
}
