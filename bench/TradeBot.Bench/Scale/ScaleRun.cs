using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using TradeBot.Core;
using TradeBot.Core.Answers;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Text;

namespace TradeBot.Bench.Scale;

/// <summary>
/// One corpus size, in a process of its own so that its memory is its own: build the corpus, ingest it into a fresh
/// embedded store with the built-in embedder, then time the fixed query set against the store, Lucene.Net and an
/// exact scan, and write the figures as JSON.
/// </summary>
internal static class ScaleRun
{
    private const int VectorTop = 10;
    private const int HybridTop = 40; // what the retriever asks for (Retrieval:Candidates)

    public static async Task<int> RunAsync(int size, string work, string sharedFolder, bool reuse)
    {
        var sources = new[]
        {
            Path.Combine(sharedFolder, "corpora", "reuters21578", "articles.jsonl"),
            Path.Combine(sharedFolder, "corpora", "bbc-news", "articles.jsonl"),
        };
        Directory.CreateDirectory(work);
        var resultFile = Path.Combine(work, "results", $"scale-{size}.json");
        var store = Path.Combine(work, $"store-{size}");
        var clock = Stopwatch.StartNew();
        ScaleResult result;
        if (reuse && File.Exists(resultFile) && File.Exists(Path.Combine(store, "data", "tradebot.db")))
        {
            // Only the queries again, on the store and corpus of the last run (its ingest figures are kept).
            result = JsonSerializer.Deserialize<ScaleResult>(await File.ReadAllTextAsync(resultFile), ScaleResult.Json)!;
            result.Date = DateTimeOffset.UtcNow;
            result.LoadAverageBefore = LoadAverage();
            Console.WriteLine($"[{size:N0}] reusing the store of the last run ({result.Passages:N0} passages)");
        }
        else
        {
            result = await BuildAndIngestAsync(size, work, sources, store, clock);
        }

        // A fresh process state for the queries: what a restarted server has (the index read from its file).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await using var query = BenchServices.Create(store);
        var passages = query.GetRequiredService<SqlitePassageCollection>();
        var embedder = new HashingEmbeddingGenerator();
        clock.Restart();
        await passages.CountPassagesAsync(); // opens the store: PRAGMA quick_check
        result.StoreOpenSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await passages.GetTermStatisticsAsync(); // reads every keyword document into the keyword index
        result.KeywordIndexSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        result.IndexBytes = (await passages.GetVectorIndexAsync()).MemoryBytes; // as this code holds it, also when the store is reused
        result.IndexLoadSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"[{size:N0}] store opened (integrity check, count) in {result.StoreOpenSeconds:F1} s; keyword index built in {result.KeywordIndexSeconds:F1} s; vector index read back in {result.IndexLoadSeconds:F1} s ({passages.LastIndexActivity})");

        var questions = QuerySet(sources);
        var vectors = questions.Select(q => embedder.Embed(q)).ToArray();
        var keywords = questions.Select(q => TextAnalyzer.Terms(q).Distinct(StringComparer.Ordinal).ToList()).ToArray();
        var answerer = query.GetRequiredService<IQuestionAnswerer>();

        var vectorHits = new List<VectorSearchResult<PassageRecord>>[questions.Count];
        var keywordHits = new IReadOnlyList<long>[questions.Count];
        var vectorTimes = new List<double>();
        var keywordTimes = new List<double>();
        var hybridTimes = new List<double>();
        var answerTimes = new List<double>();
        var cpu = new Dictionary<string, List<double>> { ["vector"] = [], ["bm25"] = [], ["hybrid"] = [], ["answer"] = [] };
        var answered = 0;
        for (var round = 0; round < 2; round++) // the first round (a tenth of the queries) warms caches and is not counted
        {
            for (var i = 0; i < (round == 0 ? questions.Count / 10 : questions.Count); i++)
            {
                var used = Start(clock);
                vectorHits[i] = await passages.SearchAsync(vectors[i], VectorTop).ToListAsync();
                Record(round, vectorTimes, cpu["vector"], clock, used);
                used = Start(clock);
                keywordHits[i] = await passages.KeywordSearchAsync(keywords[i], null, VectorTop, CancellationToken.None);
                Record(round, keywordTimes, cpu["bm25"], clock, used);
                used = Start(clock);
                await passages.HybridSearchAsync(vectors[i], keywords[i], HybridTop, new HybridSearchOptions<PassageRecord> { IncludeVectors = true }).ToListAsync();
                Record(round, hybridTimes, cpu["hybrid"], clock, used);
                used = Start(clock);
                var answer = await answerer.AnswerAsync(questions[i], []);
                Record(round, answerTimes, cpu["answer"], clock, used);
                answered += round == 1 && answer.Answered ? 1 : 0;
            }
        }
        result.Queries = questions.Count;
        result.AnsweredShare = (double)answered / questions.Count;
        result.Vector = Percentiles.Of(vectorTimes);
        result.Bm25 = Percentiles.Of(keywordTimes);
        result.Hybrid = Percentiles.Of(hybridTimes);
        result.Answer = Percentiles.Of(answerTimes);
        result.CpuMilliseconds = cpu.ToDictionary(c => c.Key, c => Percentiles.Of(c.Value));
        result.RssBytes = ReadStatus("VmRSS");
        result.ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: false);
        var database = Path.Combine(store, "data", "tradebot.db");
        result.DatabaseBytes = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        result.VectorFileBytes = File.Exists(VectorIndexFile.PathFor(database)) ? new FileInfo(VectorIndexFile.PathFor(database)).Length : 0;
        Console.WriteLine($"[{size:N0}] vector {result.Vector}, BM25 {result.Bm25}, hybrid {result.Hybrid}, answer {result.Answer}; RSS {result.RssBytes / 1_048_576} MB, disk {result.DatabaseBytes / 1_048_576} MB + {result.VectorFileBytes / 1_048_576} MB");

        // Baselines, after the store's memory was read: they hold their own copies.
        var rows = await ReadPassagesAsync(database);
        clock.Restart();
        using (var lucene = LuceneBaseline.Build(Path.Combine(work, $"lucene-{size}"), rows.Select(r => (r.RowId, r.Terms))))
        {
            result.LuceneBuildSeconds = clock.Elapsed.TotalSeconds;
            var luceneTimes = new List<double>();
            var overlap = 0.0;
            for (var round = 0; round < 2; round++)
            {
                for (var i = 0; i < (round == 0 ? questions.Count / 10 : questions.Count); i++)
                {
                    clock.Restart();
                    var hits = lucene.Search(keywords[i], VectorTop);
                    Record(round, luceneTimes, clock);
                    if (round == 1 && (hits.Count > 0 || keywordHits[i].Count > 0))
                    {
                        overlap += (double)hits.Intersect(keywordHits[i]).Count() / Math.Max(1, Math.Min(VectorTop, Math.Max(hits.Count, keywordHits[i].Count)));
                    }
                }
            }
            result.Lucene = Percentiles.Of(luceneTimes);
            result.LuceneOverlapAt10 = overlap / questions.Count;
        }
        Console.WriteLine($"[{size:N0}] Lucene.Net BM25 {result.Lucene}, top-10 overlap with the keyword index {result.LuceneOverlapAt10:F3}, index built in {result.LuceneBuildSeconds:F0} s");

        using (var fts5 = new Fts5Baseline(database))
        {
            // FTS5 takes seconds a query at a million passages: the first queries are enough to compare.
            result.Fts5Queries = Math.Min(questions.Count, Math.Max(20, (int)(2_000_000 / Math.Max(1, result.Passages))));
            var fts5Times = new List<double>();
            var overlap = 0.0;
            for (var i = 0; i < result.Fts5Queries; i++)
            {
                clock.Restart();
                var hits = fts5.Search(keywords[i], VectorTop);
                fts5Times.Add(clock.Elapsed.TotalMilliseconds);
                overlap += hits.Count == 0 && keywordHits[i].Count == 0 ? 1 : (double)hits.Intersect(keywordHits[i]).Count() / Math.Max(hits.Count, keywordHits[i].Count);
            }
            result.Fts5 = Percentiles.Of(fts5Times);
            result.Fts5OverlapAt10 = overlap / result.Fts5Queries;
        }
        Console.WriteLine($"[{size:N0}] FTS5 bm25() {result.Fts5} over {result.Fts5Queries} queries, top-10 overlap with the keyword index {result.Fts5OverlapAt10:F3}");

        var matrix = rows.Where(r => r.Vector.Length == HashingEmbeddingGenerator.DefaultDimensions).ToArray();
        rows.Clear();
        var exactTimes = new List<double>();
        double recall = 0, strict = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            clock.Restart();
            var exact = ExactTop(vectors[i], matrix, VectorTop);
            exactTimes.Add(clock.Elapsed.TotalMilliseconds);
            var tenth = exact.Count > 0 ? exact[^1].Score : float.NegativeInfinity;
            var found = vectorHits[i];
            var expected = Math.Max(1, exact.Count);
            // ann-benchmarks' recall: a hit counts when it is as near as the exact 10th (ties are not misses).
            recall += (double)found.Count(h => h.Score >= tenth - 1e-5f) / expected;
            strict += (double)found.Select(h => h.Record.Id).Intersect(exact.Select(e => matrix[e.Index].Id)).Count() / expected;
        }
        result.Exact = Percentiles.Of(exactTimes);
        result.RecallAt10 = recall / questions.Count;
        result.StrictRecallAt10 = strict / questions.Count;
        result.LoadAverageAfter = LoadAverage();
        Console.WriteLine($"[{size:N0}] exact scan {result.Exact}; recall@10 {result.RecallAt10:F3} (ids alone {result.StrictRecallAt10:F3}); load average {result.LoadAverageBefore} -> {result.LoadAverageAfter}");

        Directory.CreateDirectory(Path.GetDirectoryName(resultFile)!);
        await File.WriteAllTextAsync(resultFile, JsonSerializer.Serialize(result, ScaleResult.Json));
        Console.WriteLine($"[{size:N0}] -> {resultFile}");
        return 0;
    }

    private static async Task<ScaleResult> BuildAndIngestAsync(int size, string work, string[] sources, string store, Stopwatch clock)
    {
        var result = new ScaleResult { TargetPassages = size, Date = DateTimeOffset.UtcNow, Machine = Machine(), LoadAverageBefore = LoadAverage() };
        var corpusFile = Path.Combine(work, $"corpus-{size}.jsonl");
        clock.Restart();
        var (articles, realArticles, _) = ScaleCorpus.Write(sources, size, corpusFile);
        result.Articles = articles;
        result.RealArticles = realArticles;
        Console.WriteLine($"[{size:N0}] corpus: {articles:N0} articles ({realArticles:N0} real) in {clock.Elapsed.TotalSeconds:F0} s -> {corpusFile}");

        if (Directory.Exists(store))
        {
            Directory.Delete(store, recursive: true);
        }
        Directory.CreateDirectory(Path.Combine(store, "corpus"));
        await using (var services = BenchServices.Create(store))
        {
            var synchronizer = services.GetRequiredService<CorpusSynchronizer>();
            clock.Restart();
            var sync = await synchronizer.SyncAsync([corpusFile]);
            result.IngestSeconds = clock.Elapsed.TotalSeconds;
            result.Passages = sync.Passages;
            Console.WriteLine($"[{size:N0}] ingest: {sync.Added:N0} articles, {sync.Passages:N0} passages, {sync.Failed} failed in {result.IngestSeconds:F0} s = {result.PassagesPerSecond:N0} passages/s");

            var collection = services.GetRequiredService<SqlitePassageCollection>();
            clock.Restart();
            var index = await collection.GetVectorIndexAsync();
            result.IndexBuildSeconds = clock.Elapsed.TotalSeconds;
            result.IndexBytes = index.MemoryBytes;
            Console.WriteLine($"[{size:N0}] vector index: {index.Count:N0} vectors, {index.MemoryBytes / 1_048_576.0:F0} MB, built in {result.IndexBuildSeconds:F1} s ({collection.LastIndexActivity})");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        result.PeakRssIngestBytes = ReadStatus("VmHWM");

        return result;
    }

    /// <summary>The fixed queries: every first turn of the shared eval sets, then fragments of real sentences.</summary>
    internal static List<string> QuerySet(IReadOnlyList<string> sources)
    {
        var evalFolder = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(sources[0])!)!)!, "eval");
        var questions = Directory.GetFiles(evalFolder, "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("turns")[0].GetString()!)
            .ToList();
        var sentences = File.ReadLines(sources[0]).Take(5_000)
            .SelectMany(l => ScaleCorpus.Sentences(JsonDocument.Parse(l).RootElement.GetProperty("body").GetString() ?? string.Empty))
            .ToList();
        var random = new Random(2026);
        while (questions.Count < 200)
        {
            questions.Add(string.Join(' ', sentences[random.Next(sentences.Count)].Split(' ').Take(8)));
        }
        return questions;
    }

    /// <summary>Restarts the clock and returns the process's CPU time so far: CPU time per query is what contention does not inflate.</summary>
    private static TimeSpan Start(Stopwatch clock)
    {
        clock.Restart();
        return Environment.CpuUsage.TotalTime;
    }

    private static void Record(int round, List<double> times, List<double> cpu, Stopwatch clock, TimeSpan cpuBefore)
    {
        if (round == 1)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
            cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds);
        }
    }

    private static void Record(int round, List<double> times, Stopwatch clock)
    {
        if (round == 1)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    private static List<(int Index, float Score)> ExactTop(float[] query, PassageRow[] matrix, int top)
    {
        var best = new PriorityQueue<int, float>(top + 1);
        for (var i = 0; i < matrix.Length; i++)
        {
            var score = TensorPrimitives.Dot(query, matrix[i].Vector);
            if (best.Count < top)
            {
                best.Enqueue(i, score);
            }
            else if (best.TryPeek(out _, out var lowest) && score > lowest)
            {
                best.EnqueueDequeue(i, score);
            }
        }
        var ranked = new List<(int, float)>();
        while (best.TryDequeue(out var i, out var score))
        {
            ranked.Add((i, score));
        }
        ranked.Reverse();
        return ranked;
    }

    private static async Task<List<PassageRow>> ReadPassagesAsync(string database)
    {
        var rows = new List<PassageRow>();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT p.rowid, p.id, p.embedding, t.terms FROM passages p JOIN passage_terms t ON t.rowid = p.rowid";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new PassageRow(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(2)).ToArray(), reader.GetString(3)));
        }
        return rows;
    }

    internal static long ReadStatus(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0]) * 1024;
            }
        }
        return 0;
    }

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    internal static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1_048_576.0 : 0;
        return $"{Environment.ProcessorCount} cores ({model ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory:F0} GB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private sealed record PassageRow(long RowId, Guid Id, float[] Vector, string Terms);
}
