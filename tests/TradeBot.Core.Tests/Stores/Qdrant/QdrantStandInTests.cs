using Grpc.Core;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>The stand-in refuses what a Qdrant server refuses, so the suites that run against it mean something.</summary>
public sealed class QdrantStandInTests : IAsyncLifetime, IDisposable
{
    private QdrantStandIn _standIn = null!;
    private QdrantClient _client = null!;

    public async Task InitializeAsync()
    {
        _standIn = await QdrantStandIn.StartAsync();
        _client = new QdrantClient(_standIn.Endpoint);
        var vectors = new VectorParamsMap();
        vectors.Map.Add("dense", new VectorParams { Size = 4, Distance = Distance.Cosine });
        var sparse = new SparseVectorConfig();
        sparse.Map.Add("bm25", new SparseVectorParams { Modifier = Modifier.Idf });
        await _client.CreateCollectionAsync(new CreateCollection { CollectionName = "c", VectorsConfig = new VectorsConfig { ParamsMap = vectors }, SparseVectorsConfig = sparse });
    }

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("dense", 3, "Vector dimension error: expected dim: 4, got 3")]
    [InlineData("other", 4, "Not existing vector name error: other")]
    public async Task Upsert_WrongVectorSizeOrName_IsInvalidArgument(string name, int size, string message)
    {
        var point = new PointStruct { Id = Guid.NewGuid(), Vectors = new Dictionary<string, float[]> { [name] = new float[size] } };

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.UpsertAsync("c", [point]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_DenseValuesUnderTheSparseName_IsInvalidArgument()
    {
        var point = new PointStruct { Id = Guid.NewGuid(), Vectors = new Dictionary<string, float[]> { ["bm25"] = new float[4] } };

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.UpsertAsync("c", [point]));

        Assert.Contains("Conversion between sparse and regular vectors failed", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scroll_FilterOnAFieldWithoutIndex_IsRefusedAsInStrictMode()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.ScrollAsync("c", Conditions.MatchKeyword("source", "AP")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Index required but not found for \"source\"", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_RrfWithoutPrefetch_IsInvalidArgument_AndRrfWithoutKIsAViolation()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.QueryAsync("c", new Rrf()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(_standIn.Violations, v => v.StartsWith("RRF without an explicit k", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upsert_WithoutWait_IsRecordedAsViolation()
    {
        await _client.UpsertAsync("c", [new PointStruct { Id = Guid.NewGuid(), Vectors = new Dictionary<string, float[]> { ["dense"] = [1, 0, 0, 0] } }], wait: false);

        Assert.Contains(_standIn.Violations, v => v.StartsWith("upsert without wait=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MethodTheEngineLacks_IsUnimplementedAndAViolation()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CountAsync("c"));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains(_standIn.Violations, v => v.Contains("qdrant.Points/Count", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collection_Missing_IsNotFoundInQdrantsWords()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.GetCollectionInfoAsync("absent"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("Not found: Collection `absent` doesn't exist!", error.Status.Detail);
    }
}
