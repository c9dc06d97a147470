using System.Text.Json;

namespace TradeBot.Bench.Scale;

/// <summary>The figures of one corpus size, as written by <see cref="ScaleRun"/> and read by <see cref="ScaleReport"/>.</summary>
internal sealed class ScaleResult
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public int TargetPassages { get; set; }
    public DateTimeOffset Date { get; set; }
    public string Machine { get; set; } = string.Empty;
    public string LoadAverageBefore { get; set; } = string.Empty;
    public string LoadAverageAfter { get; set; } = string.Empty;
    public int Articles { get; set; }
    public int RealArticles { get; set; }
    public long Passages { get; set; }
    public double IngestSeconds { get; set; }
    public double PassagesPerSecond => IngestSeconds > 0 ? Passages / IngestSeconds : 0;
    public double IndexBuildSeconds { get; set; }
    public double IndexLoadSeconds { get; set; }
    public double StoreOpenSeconds { get; set; }
    public long IndexBytes { get; set; }
    public long DatabaseBytes { get; set; }
    public long VectorFileBytes { get; set; }
    public long RssBytes { get; set; }
    public long PeakRssIngestBytes { get; set; }
    public long ManagedHeapBytes { get; set; }
    public int Queries { get; set; }
    public double AnsweredShare { get; set; }
    public Percentiles Vector { get; set; } = new(0, 0, 0, 0);
    public Percentiles Bm25 { get; set; } = new(0, 0, 0, 0);
    public Percentiles Hybrid { get; set; } = new(0, 0, 0, 0);
    public Percentiles Answer { get; set; } = new(0, 0, 0, 0);
    public Percentiles Exact { get; set; } = new(0, 0, 0, 0);
    public Percentiles Lucene { get; set; } = new(0, 0, 0, 0);
    /// <summary>FTS5's own bm25() ranking, the keyword search the store used before its in-memory index (on the first <see cref="Fts5Queries"/> queries: it is slow).</summary>
    public Percentiles Fts5 { get; set; } = new(0, 0, 0, 0);
    public int Fts5Queries { get; set; }
    public double Fts5OverlapAt10 { get; set; }
    /// <summary>Reading the keyword documents into the in-memory keyword index when the store is opened.</summary>
    public double KeywordIndexSeconds { get; set; }
    /// <summary>CPU time of the process per query (all its threads), by leg: what the figures would be on idle cores, roughly.</summary>
    public Dictionary<string, Percentiles> CpuMilliseconds { get; set; } = [];
    public double LuceneBuildSeconds { get; set; }
    public double LuceneOverlapAt10 { get; set; }
    public double RecallAt10 { get; set; }
    public double StrictRecallAt10 { get; set; }
}
