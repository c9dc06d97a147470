using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// The store contract against <c>QdrantPassageCollection</c> talking HTTP to the in-process Qdrant stand-in, which
/// checks every request against the official OpenAPI document. Runs everywhere.
/// </summary>
public sealed class QdrantStandInContractTests : PassageCollectionContractTests, IDisposable
{
    private QdrantStandIn? _standIn;
    private QdrantTestHost? _host;

    protected override async Task<VectorStoreCollection<Guid, PassageRecord>> CreateCollectionAsync(int dimension)
    {
        _standIn = await QdrantStandIn.StartAsync();
        _host = new QdrantTestHost(_standIn.Endpoint, "contract", dimension: dimension);
        return _host.Collection;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_standIn is not null)
        {
            // Every request of the test, and every answer of the stand-in, matched the spec.
            Assert.Empty(_standIn.Violations);
            await _standIn.DisposeAsync();
        }
    }

    public void Dispose() => _host?.Dispose();
}
