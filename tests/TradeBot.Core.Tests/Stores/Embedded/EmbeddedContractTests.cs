using Microsoft.Extensions.VectorData;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;

namespace TradeBot.Core.Tests.Stores.Embedded;

/// <summary>The store contract against the embedded SQLite store, in a database file of its own.</summary>
public sealed class EmbeddedContractTests : PassageCollectionContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tradebot-contract-" + Guid.NewGuid().ToString("N"));

    protected override Task<VectorStoreCollection<Guid, PassageRecord>> CreateCollectionAsync(int dimension) =>
        Task.FromResult<VectorStoreCollection<Guid, PassageRecord>>(new SqlitePassageCollection(new LocalDatabase(Path.Combine(_folder, "store.db"))));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
