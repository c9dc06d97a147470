using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace TradeBot.Core.Embeddings;

/// <summary>
/// Looks passage vectors up in an <see cref="EmbeddingCache"/> by model and text before asking the model, and keeps
/// what the model computed. Queries are passed through: they are short, and caching them would keep users' questions.
/// </summary>
public sealed class CachedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingCache cache)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly string _model = EmbedderIdentity.Of(inner);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (EmbeddingPurpose.IsQuery(options))
        {
            return await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        }
        var texts = values.ToList();
        var keys = texts.Select(KeyOf).ToList();
        var vectors = cache.Find(keys);
        var missing = Enumerable.Range(0, texts.Count).Where(i => vectors[i] is null).ToList();
        if (missing.Count > 0)
        {
            var computed = await base.GenerateAsync(missing.Select(i => texts[i]), options, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < missing.Count; j++)
            {
                vectors[missing[j]] = computed[j].Vector.ToArray();
            }
            cache.Store([.. missing.Select(i => (keys[i], vectors[i]!))]);
        }
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        embeddings.AddRange(vectors.Select(v => new Embedding<float>(v!)));
        return embeddings;
    }

    private byte[] KeyOf(string text) => SHA256.HashData(Encoding.UTF8.GetBytes($"{_model}\u001f{text}"));
}
