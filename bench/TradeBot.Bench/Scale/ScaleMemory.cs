using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using TradeBot.Core;
using TradeBot.Core.Answers;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Text;

namespace TradeBot.Bench.Scale;

/// <summary>
/// A restarted server's view of a store the scale run left: a fresh process opens it, reads the vector index back
/// from its file, answers a few queries of the fixed set, and reports its resident memory and the CPU time per
/// query (which other work on the machine does not inflate), without the ingest that ran in the scale run's process.
/// </summary>
internal static class ScaleMemory
{
    public static async Task<int> RunAsync(int size, string work, string sharedFolder, int queries)
    {
        var store = Path.Combine(work, $"store-{size}");
        if (!File.Exists(Path.Combine(store, "data", "tradebot.db")))
        {
            Console.Error.WriteLine($"scale memory: no store at {store}; run `scale {size}` first");
            return 2;
        }
        var sources = new[] { Path.Combine(sharedFolder, "corpora", "reuters21578", "articles.jsonl") };
        var questions = ScaleRun.QuerySet(sources).Take(queries).ToList();
        await using var services = BenchServices.Create(store);
        var passages = services.GetRequiredService<SqlitePassageCollection>();
        var answerer = services.GetRequiredService<IQuestionAnswerer>();
        var embedder = new HashingEmbeddingGenerator();
        await passages.GetTermStatisticsAsync();
        await passages.GetVectorIndexAsync();
        var hybridCpu = new List<double>();
        var answerCpu = new List<double>();
        var vectorCpu = new List<double>();
        foreach (var question in questions)
        {
            var vector = embedder.Embed(question);
            var keywords = TextAnalyzer.Terms(question).Distinct(StringComparer.Ordinal).ToList();
            var before = Environment.CpuUsage.TotalTime;
            await passages.SearchAsync(vector, 10).ToListAsync();
            vectorCpu.Add((Environment.CpuUsage.TotalTime - before).TotalMilliseconds);
            before = Environment.CpuUsage.TotalTime;
            await passages.HybridSearchAsync(vector, keywords, 40, new HybridSearchOptions<PassageRecord> { IncludeVectors = true }).ToListAsync();
            hybridCpu.Add((Environment.CpuUsage.TotalTime - before).TotalMilliseconds);
            before = Environment.CpuUsage.TotalTime;
            await answerer.AnswerAsync(question, []);
            answerCpu.Add((Environment.CpuUsage.TotalTime - before).TotalMilliseconds);
        }
        var result = new
        {
            Passages = (await passages.GetVectorIndexAsync()).Count,
            Queries = questions.Count,
            RssBytes = ScaleRun.ReadStatus("VmRSS"),
            PeakRssBytes = ScaleRun.ReadStatus("VmHWM"),
            ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            VectorCpu = Percentiles.Of(vectorCpu),
            HybridCpu = Percentiles.Of(hybridCpu),
            AnswerCpu = Percentiles.Of(answerCpu),
            LoadAverage = ScaleRun.LoadAverage(),
        };
        Console.WriteLine($"[{size:N0}] restarted: RSS {result.RssBytes / 1_048_576} MB (peak {result.PeakRssBytes / 1_048_576} MB); CPU per query: vector {result.VectorCpu.P50:F0} ms, hybrid {result.HybridCpu.P50:F0} ms (p95 {result.HybridCpu.P95:F0}), answer {result.AnswerCpu.P50:F0} ms; load {result.LoadAverage}");
        await File.WriteAllTextAsync(Path.Combine(work, "results", $"memory-{size}.json"), JsonSerializer.Serialize(result, ScaleResult.Json));
        return 0;
    }
}
