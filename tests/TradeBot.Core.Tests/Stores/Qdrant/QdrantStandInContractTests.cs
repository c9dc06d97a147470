using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// The store contract against <c>QdrantPassageCollection</c> talking gRPC, through the official client, to the
/// in-process Qdrant stand-in, which enforces what a server does and records what the design rules out. Runs everywhere.
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
            // Nothing the test made the client do was refused or ruled out.
            Assert.Empty(_standIn.Violations);
            await _standIn.DisposeAsync();
        }
    }

    public void Dispose() => _host?.Dispose();
}
