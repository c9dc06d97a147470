using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>Qdrant-specific behaviour beyond the shared contract: embedder checks, delete by article, the request shapes, metadata.</summary>
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
        Assert.Equal(0, _standIn.CallsTo("qdrant.Points/Query"));
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
        Assert.Equal(0, _standIn.CallsTo("qdrant.Points/Upsert"));
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

        var upsert = (UpsertPoints)_standIn.Calls.Single(c => c.Method == "qdrant.Points/Upsert").Request;
        Assert.Equal(["dense"], Assert.Single(upsert.Points).Vectors.Vectors_.Vectors.Keys);
        var results = await host.Collection.HybridSearchAsync(TestEmbeddings.Embed("the"), ["tariff"], 3).ToListAsync();
        Assert.Equal("a", Assert.Single(results).Record.ArticleId);
    }

    [Fact]
    public async Task EnsureExists_NewCollection_IsCreatedWithTheDesignedVectorsIndexesAndMetadata()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news");

        await host.Collection.EnsureCollectionExistsAsync();

        var create = (CreateCollection)_standIn.Calls.Single(c => c.Method == "qdrant.Collections/Create").Request;
        var dense = create.VectorsConfig.ParamsMap.Map["dense"];
        Assert.Equal((ulong)TestEmbeddings.Dimension, dense.Size);
        Assert.Equal(Distance.Cosine, dense.Distance);
        Assert.Equal(Modifier.Idf, create.SparseVectorsConfig.Map["bm25"].Modifier);
        Assert.Equal(TestEmbeddings.Name, create.Metadata["embedder"].StringValue);
        Assert.Equal(TestEmbeddings.Dimension, create.Metadata["dimension"].IntegerValue);
        Assert.Equal(32, create.Metadata["instance_id"].StringValue.Length);
        var indexes = _standIn.Calls.Where(c => c.Method == "qdrant.Points/CreateFieldIndex").Select(c => (CreateFieldIndexCollection)c.Request).ToList();
        Assert.Equal(
            [("article_id", FieldType.Keyword), ("published", FieldType.Datetime), ("source", FieldType.Keyword), ("story_id", FieldType.Keyword)],
            indexes.Select(i => (i.FieldName, i.FieldType)).Order());
    }

    [Fact]
    public async Task HybridSearch_SendsDenseAndSparsePrefetchFusedByRrfWithExplicitK()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news", new Dictionary<string, string?> { ["VectorStore:Qdrant:RrfK"] = "60", ["VectorStore:Qdrant:PrefetchLimit"] = "40" });
        await host.Collection.EnsureCollectionExistsAsync();
        var outlet = "AP";

        await host.Collection.HybridSearchAsync(TestEmbeddings.Embed("steel"), ["steel", "tariff"], 5,
            new Microsoft.Extensions.VectorData.HybridSearchOptions<TradeBot.Core.Stores.PassageRecord> { Filter = r => r.Source == outlet }).ToListAsync();

        var query = (QueryPoints)_standIn.Calls.Single(c => c.Method == "qdrant.Points/Query").Request;
        Assert.Equal(60u, query.Query.Rrf.K);
        Assert.True(query.Query.Rrf.HasK);
        Assert.Equal(["dense", "bm25"], query.Prefetch.Select(p => p.Using));
        Assert.All(query.Prefetch, p => Assert.Equal(40ul, p.Limit));
        Assert.Equal(VectorInput.VariantOneofCase.Dense, query.Prefetch[0].Query.Nearest.VariantCase);
        Assert.Equal(2, query.Prefetch[1].Query.Nearest.Sparse.Indices.Count);
        Assert.All(query.Prefetch.Select(p => p.Filter).Append(query.Filter), f => Assert.Equal("AP", f.Must.Single().Field.Match.Keyword));
        Assert.Equal(5ul, query.Limit);
        Assert.True(query.WithPayload.Enable);
        var dense = query.Prefetch[0].Params;
        Assert.Equal(128ul, dense.HnswEf);
        Assert.True(dense.Quantization.Rescore);
        Assert.Equal(2.0, dense.Quantization.Oversampling);
    }

    [Fact]
    public async Task EnsureExists_NewCollection_HasTheRecommendedStorageQuantizationAndSharding()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news", new Dictionary<string, string?> { ["VectorStore:Qdrant:ShardNumber"] = "4", ["VectorStore:Qdrant:ReplicationFactor"] = "2" });

        await host.Collection.EnsureCollectionExistsAsync();

        // Read back as the server holds it: the stand-in refuses what Qdrant refuses (a pinned dense storage, say).
        var info = await host.Get<global::Qdrant.Client.QdrantClient>().GetCollectionInfoAsync("news");
        var dense = info.Config.Params.VectorsConfig.ParamsMap.Map["dense"];
        Assert.Equal(Memory.Cold, dense.Memory);
        Assert.Equal((16ul, 128ul), (dense.HnswConfig.M, dense.HnswConfig.EfConstruct));
        Assert.Equal(QuantizationType.Int8, info.Config.QuantizationConfig.Scalar.Type);
        Assert.Equal(Memory.Pinned, info.Config.QuantizationConfig.Scalar.Memory);
        Assert.Equal(Memory.Cold, info.Config.Params.Payload.Memory);
        Assert.Equal((4u, 2u), (info.Config.Params.ShardNumber, info.Config.Params.ReplicationFactor));
    }

    [Fact]
    public async Task Upsert_ManyPassages_SendsBatchesThatEachWait()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news");
        await host.Collection.EnsureCollectionExistsAsync();

        await host.Collection.UpsertAsync(Enumerable.Range(0, 5).Select(i => Passages.Create("a", i, $"Passage {i} on tariffs.")));

        var upserts = _standIn.Calls.Where(c => c.Method == "qdrant.Points/Upsert").Select(c => (UpsertPoints)c.Request).ToList();
        Assert.Equal([2, 2, 1], upserts.Select(u => u.Points.Count)); // UpsertBatchSize = 2
        Assert.All(upserts, u => Assert.True(u.Wait));
        Assert.All(upserts.SelectMany(u => u.Points), p => Assert.True(Guid.TryParse(p.Id.Uuid, out _)));
    }

    [Fact]
    public void GetService_Metadata_NamesQdrantAndCollection()
    {
        using var host = new QdrantTestHost(_standIn.Endpoint, "news");

        var metadata = (VectorStoreCollectionMetadata?)host.Collection.GetService(typeof(VectorStoreCollectionMetadata));

        Assert.Equal("qdrant", metadata?.VectorStoreSystemName);
        Assert.Equal("news", metadata?.CollectionName);
        Assert.Same(host.Collection, host.Get<IKeywordHybridSearchable<TradeBot.Core.Stores.PassageRecord>>());
    }
}
