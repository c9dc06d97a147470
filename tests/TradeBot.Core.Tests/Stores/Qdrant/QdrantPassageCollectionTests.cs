using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>Qdrant-specific behaviour beyond the shared contract: embedder checks, delete by article, metadata.</summary>
public sealed class QdrantPassageCollectionTests : IAsyncLifetime
{
    private QdrantStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await QdrantStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(_standIn.Violations);
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task EnsureExists_CollectionBuiltForAnotherDimension_IsRefusedWithReindexAdvice()
    {
        using (var first = new QdrantTestHost(_standIn.Endpoint, "news", dimension: 8))
        {
            await first.Collection.EnsureCollectionExistsAsync();
        }
        using var second = new QdrantTestHost(_standIn.Endpoint, "news");

        var error = await Assert.ThrowsAsync<QdrantException>(() => second.Collection.EnsureCollectionExistsAsync());

        Assert.Equal(QdrantErrorKind.EmbedderMismatch, error.Kind);
        Assert.Contains("dimension 8", error.Message, StringComparison.Ordinal);
        Assert.Contains("Re-index", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HybridSearch_OnCollectionOfAnotherEmbedder_IsRefusedBeforeQuerying()
    {
        using (var first = new QdrantTestHost(_standIn.Endpoint, "news", dimension: 8))
        {
            await first.Collection.EnsureCollectionExistsAsync();
        }
        using var second = new QdrantTestHost(_standIn.Endpoint, "news");

        var error = await Assert.ThrowsAsync<QdrantException>(async () => await second.Collection.HybridSearchAsync(TestEmbeddings.Embed("x"), ["x"], 3).ToListAsync());

        Assert.Equal(QdrantErrorKind.EmbedderMismatch, error.Kind);
        Assert.DoesNotContain(_standIn.Requests, r => r.PathAndQuery.EndsWith("/points/query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_MissingCollection_FailsWithCollectionMissing()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "absent");

        var error = await Assert.ThrowsAsync<QdrantException>(async () => await host.Collection.SearchAsync(TestEmbeddings.Embed("x"), 3).ToListAsync());

        Assert.Equal(QdrantErrorKind.CollectionMissing, error.Kind);
        Assert.Contains("absent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_EmbeddingOfWrongLength_FailsWithVectorSizeMismatchBeforeSending()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news");
        await host.Collection.EnsureCollectionExistsAsync();
        var passage = Passages.Create("a", 0, "text");
        passage.Embedding = new float[5];

        var error = await Assert.ThrowsAsync<QdrantException>(() => host.Collection.UpsertAsync(passage));

        Assert.Equal(QdrantErrorKind.VectorSizeMismatch, error.Kind);
        Assert.DoesNotContain(_standIn.Requests, r => r.Method == "PUT" && r.PathAndQuery.Contains("/points", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteArticle_RemovesEveryPassageOfThatArticleOnly()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news");
        var collection = host.Collection;
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Passages.Create("a", 0, "One."), Passages.Create("a", 1, "Two."), Passages.Create("b", 0, "Three.")]);

        await collection.DeleteArticleAsync("a");

        var left = await collection.GetAsync(r => r.ArticleId == "a" || r.ArticleId == "b", 10).ToListAsync();
        Assert.Equal("b", Assert.Single(left).ArticleId);
    }

    [Fact]
    public async Task Upsert_PassageWithoutIndexableTerms_SendsNoSparseVectorAndStaysSearchable()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news");
        await host.Collection.EnsureCollectionExistsAsync();

        await host.Collection.UpsertAsync(Passages.Create("a", 0, "The, and of."));

        var upsert = _standIn.Requests.Single(r => r.Method == "PUT" && r.PathAndQuery.StartsWith("/collections/news/points", StringComparison.Ordinal));
        Assert.DoesNotContain("bm25", upsert.Body, StringComparison.Ordinal);
        var results = await host.Collection.HybridSearchAsync(TestEmbeddings.Embed("the"), ["tariff"], 3).ToListAsync();
        Assert.Equal("a", Assert.Single(results).Record.ArticleId);
    }

    [Fact]
    public void GetService_Metadata_NamesQdrantAndCollection()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news");

        var metadata = (VectorStoreCollectionMetadata?)host.Collection.GetService(typeof(VectorStoreCollectionMetadata));

        Assert.Equal("qdrant", metadata?.VectorStoreSystemName);
        Assert.Equal("news", metadata?.CollectionName);
        Assert.Same(host.Collection, host.Get<IKeywordHybridSearchable<TradeBot.Core.Stores.PassageRecord>>());
        Assert.Same(host.Collection, host.Get<VectorStoreCollection<Guid, TradeBot.Core.Stores.PassageRecord>>());
    }
}
