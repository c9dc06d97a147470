using Microsoft.Extensions.AI;
using TradeBot.Core.Text;

namespace TradeBot.Core.Embeddings;

/// <summary>
/// The built-in offline embedder: a lexical "hashing trick" vector, not a neural model. Each text becomes the
/// L2-normalised sum of signed, hashed features: its stemmed words (weight 1, sub-linear in frequency) and the
/// character trigrams of each word (weight 0.3 each), so that misspellings ("tarrifs") still land near the right
/// words. It knows nothing of meaning: "levies" and "tariffs" are unrelated to it.
/// </summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "builtin-hashing-v1";
    public const int DefaultDimensions = 384;
    private const float TrigramWeight = 0.3f;

    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashingEmbeddingGenerator(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        Dimensions = dimensions;
        _metadata = new EmbeddingGeneratorMetadata("tradebot-builtin", providerUri: null, ModelName, dimensions);
    }

    public int Dimensions { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value)) { ModelId = ModelName });
        }
        return Task.FromResult(embeddings);
    }

    public float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in TextAnalyzer.Terms(text))
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }
        Span<char> gram = stackalloc char[3];
        foreach (var (term, count) in counts)
        {
            var weight = 1f + MathF.Log(count);
            Add(vector, StableHash.Of(term), weight);
            var padded = $"<{term}>";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                padded.AsSpan(i, 3).CopyTo(gram);
                Add(vector, StableHash.Of(gram) ^ 0x5bd1e995u, weight * TrigramWeight);
            }
        }
        return VectorNormalization.ToUnitLength(vector);
    }

    private void Add(float[] vector, uint hash, float weight)
    {
        var index = (int)(hash % (uint)Dimensions);
        vector[index] += (hash & 0x80000000u) != 0 ? -weight : weight;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
