using Microsoft.Extensions.AI;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Embeddings;

public sealed class CachedEmbeddingGeneratorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task GenerateAsync_SameTextsAgain_AreNotComputedTwiceEvenByANewInstance()
    {
        var counting = new CountingEmbedder();
        var path = _temp.Combine("cache.db");
        var first = await new CachedEmbeddingGenerator(counting, new EmbeddingCache(path)).GenerateAsync(["tariffs rose", "quotas fell"]);

        var again = await new CachedEmbeddingGenerator(counting, new EmbeddingCache(path)).GenerateAsync(["quotas fell", "tariffs rose", "new text"]);

        Assert.Equal(3, counting.Texts.Count); // the two texts, then only the new one
        Assert.Equal(first[0].Vector.ToArray(), again[1].Vector.ToArray());
        Assert.Equal(first[1].Vector.ToArray(), again[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Queries_AreNeitherLookedUpNorKept()
    {
        var counting = new CountingEmbedder();
        var cached = new CachedEmbeddingGenerator(counting, new EmbeddingCache(_temp.Combine("cache.db")));

        await cached.GenerateAsync(["what tariff?"], EmbeddingPurpose.Query());
        await cached.GenerateAsync(["what tariff?"], EmbeddingPurpose.Query());

        Assert.Equal(2, counting.Texts.Count);
    }

    [Fact]
    public async Task GenerateAsync_UnwritableCache_StillEmbeds()
    {
        var folder = _temp.Combine("not-a-folder");
        await File.WriteAllTextAsync(folder, "a file where the cache folder should be");
        var cached = new CachedEmbeddingGenerator(new CountingEmbedder(), new EmbeddingCache(Path.Combine(folder, "cache.db")));

        var vectors = await cached.GenerateAsync(["tariffs rose"]);

        Assert.Single(vectors);
    }

    private sealed class CountingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly HashingEmbeddingGenerator _inner = new();

        public List<string> Texts { get; } = [];

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Texts.AddRange(texts);
            return await _inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

        public void Dispose() => _inner.Dispose();
    }
}
