using TradeBot.Core.Ingestion;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>A temp store with the repository's two seed articles ingested through the real pipeline, shared by a test class.</summary>
public sealed class SeedStoreFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();

    internal CorpusHost Host { get; private set; } = null!;

    public IngestReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var corpus = SeedCorpus.CopyTo(_temp);
        Host = new CorpusHost(_temp.Path);
        Report = await Host.Synchronizer.SyncAsync([corpus]);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Host?.Dispose();
        _temp.Dispose();
    }
}
