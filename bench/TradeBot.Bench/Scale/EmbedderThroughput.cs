using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Ingestion;

namespace TradeBot.Bench.Scale;

/// <summary>
/// The neural embedder on its own: passages a second over real Reuters passages, and one question's latency. Why
/// the store runs use the built-in embedder: at this rate a million passages take hours.
/// </summary>
internal static class EmbedderThroughput
{
    public static async Task<int> RunAsync(string work, string sharedFolder, int passages)
    {
        var texts = File.ReadLines(Path.Combine(sharedFolder, "corpora", "reuters21578", "articles.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("body").GetString() ?? string.Empty)
            .SelectMany(b => PassageSplitter.Split(b).Select(p => p.Text))
            .Take(passages)
            .ToList();
        using var arctic = new ArcticEmbeddingGenerator();
        await arctic.GenerateAsync(texts.Take(8)); // loads the model
        var clock = Stopwatch.StartNew();
        await arctic.GenerateAsync(texts);
        var seconds = clock.Elapsed.TotalSeconds;
        var question = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            clock.Restart();
            await arctic.GenerateAsync([$"What did the ministers say about tariffs in round {i}?"]);
            question.Add(clock.Elapsed.TotalMilliseconds);
        }
        var builtin = new HashingEmbeddingGenerator();
        clock.Restart();
        foreach (var text in texts)
        {
            builtin.Embed(text);
        }
        var builtinSeconds = clock.Elapsed.TotalSeconds;
        var result = new
        {
            Date = DateTimeOffset.UtcNow,
            Machine = ScaleRun.Machine(),
            LoadAverage = ScaleRun.LoadAverage(),
            Passages = texts.Count,
            ArcticPassagesPerSecond = texts.Count / seconds,
            ArcticQuestion = Percentiles.Of(question),
            BuiltinPassagesPerSecond = texts.Count / builtinSeconds,
        };
        Console.WriteLine($"arctic-embed-xs: {result.ArcticPassagesPerSecond:F1} passages/s over {texts.Count} Reuters passages; a question {result.ArcticQuestion.P50:F0} ms (p95 {result.ArcticQuestion.P95:F0}); builtin: {result.BuiltinPassagesPerSecond:N0} passages/s; load {result.LoadAverage}");
        Directory.CreateDirectory(Path.Combine(work, "results"));
        await File.WriteAllTextAsync(Path.Combine(work, "results", "embedder.json"), JsonSerializer.Serialize(result, ScaleResult.Json));
        return 0;
    }
}
