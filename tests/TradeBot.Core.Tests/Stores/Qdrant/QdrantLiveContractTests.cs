using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// The store contract against a live Qdrant server: discovered only when <c>QDRANT_URL</c> is set (optionally
/// <c>QDRANT_API_KEY</c>), e.g. <c>QDRANT_URL=http://localhost:6334 ./test.sh</c> (the gRPC port). Each test uses its own collection
/// and deletes it afterwards.
/// </summary>
[RequiresEnvironmentVariable("QDRANT_URL")]
public sealed class QdrantLiveContractTests : PassageCollectionContractTests, IDisposable
{
    private QdrantTestHost? _host;

    protected override Task<VectorStoreCollection<Guid, PassageRecord>> CreateCollectionAsync(int dimension)
    {
        var endpoint = new Uri(Environment.GetEnvironmentVariable("QDRANT_URL")!);
        var overrides = new Dictionary<string, string?> { ["VectorStore:Qdrant:ApiKey"] = Environment.GetEnvironmentVariable("QDRANT_API_KEY") };
        _host = new QdrantTestHost(endpoint, $"tradebot_contract_{Guid.NewGuid():N}", overrides, dimension);
        return Task.FromResult<VectorStoreCollection<Guid, PassageRecord>>(_host.Collection);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
    }

    public void Dispose() => _host?.Dispose();
}
