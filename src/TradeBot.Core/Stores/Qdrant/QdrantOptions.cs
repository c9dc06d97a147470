namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// Settings of the Qdrant passage store, section <c>VectorStore:Qdrant</c> (environment variables
/// <c>VectorStore__Qdrant__Endpoint</c>, <c>VectorStore__Qdrant__ApiKey</c>, …). Used when <c>VectorStore:Provider</c>
/// is <c>qdrant</c>.
/// </summary>
public sealed class QdrantOptions
{
    public const string SectionName = "VectorStore:Qdrant";

    /// <summary>Qdrant's gRPC endpoint, e.g. <c>http://localhost:6334</c> (<c>https://</c> for TLS).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Sent in the <c>api-key</c> metadata of every call; never logged. Leave empty for an unsecured server.</summary>
    public string? ApiKey { get; set; }

    public string CollectionName { get; set; } = "trade_news";

    /// <summary>How long one attempt of one call may take before it counts as a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of transient failures (gRPC Unavailable, ResourceExhausted, DeadlineExceeded, Aborted, Internal, and attempt timeouts), with exponential backoff.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff between retries.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Points per upsert request (each request waits for the write).</summary>
    public int UpsertBatchSize { get; set; } = 128;

    /// <summary>Candidates taken from each of the dense and sparse legs before fusion.</summary>
    public int PrefetchLimit { get; set; } = 50;

    /// <summary>Shards of a new collection: a multiple of the cluster's nodes (2 a node lets it grow by moving shards).</summary>
    public int ShardNumber { get; set; } = 1;

    /// <summary>Copies of each shard in a new collection: 2 in a cluster, so that a node can be lost or restarted.</summary>
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>RRF constant. Qdrant's own default is 2; 60 is the usual value and matches the embedded store.</summary>
    public int RrfK { get; set; } = 60;
}
