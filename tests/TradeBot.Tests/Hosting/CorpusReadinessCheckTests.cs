using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using TradeBot.Core;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Stores;
using TradeBot.Core.Tests.TestSupport;
using TradeBot.Hosting;
using TradeBot.Tests.Bot;
using TradeBot.Tests.TestSupport;

namespace TradeBot.Tests.Hosting;

/// <summary><c>/readyz</c> tells the truth about the store: a broken file or passages the catalog lists but the store lacks make it not ready, with the reason.</summary>
public sealed class CorpusReadinessCheckTests : IDisposable
{
    private readonly SeedPipeline _pipeline = new();

    private string DatabaseFile => Path.Combine(_pipeline.Root, "data", "tradebot.db");

    [Fact]
    public async Task Check_BrokenStoreFile_IsUnhealthyWithTheReason()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        await File.WriteAllBytesAsync(DatabaseFile, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 31))]);
        await using var services = Services();
        var ingestion = services.GetRequiredService<CorpusIngestion>();
        await Assert.ThrowsAsync<StoreFailureException>(() => ingestion.SyncCorpusAsync());

        var result = await Check(services);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"{DatabaseFile} is not a TradeBot database", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PassagesMissingFromTheStore_IsUnhealthyWithTheGap()
    {
        await using (var first = Services())
        {
            await first.GetRequiredService<CorpusIngestion>().SyncCorpusAsync();
        }
        RawSqlite.Execute(DatabaseFile, "DELETE FROM passages WHERE ordinal > 0");
        await using var services = Services();
        await services.GetRequiredService<CorpusIngestion>().SyncCorpusAsync();

        var result = await Check(services);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("Run `ingest --verify`", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AnotherProcessRepairsTheStore_IsHealthyWithoutASyncHere()
    {
        await using (var first = Services())
        {
            await first.GetRequiredService<CorpusIngestion>().SyncCorpusAsync();
        }
        RawSqlite.Execute(DatabaseFile, "DELETE FROM passages WHERE ordinal > 0");
        await using var server = Services();
        var ingestion = server.GetRequiredService<CorpusIngestion>();
        await ingestion.SyncCorpusAsync();
        Assert.Equal(HealthStatus.Unhealthy, (await Check(server)).Status);

        // `ingest --verify` in another process: the server's last sync saw the gap, the store no longer has it.
        await using (var cli = Services())
        {
            await cli.GetRequiredService<CorpusSynchronizer>().SyncAsync([ingestion.CorpusPath], verify: true);
        }

        Assert.Equal(HealthStatus.Healthy, (await Check(server)).Status);
    }

    [Fact]
    public async Task Check_StoreInStep_IsHealthy()
    {
        await using var services = Services();
        await services.GetRequiredService<CorpusIngestion>().SyncCorpusAsync();

        Assert.Equal(HealthStatus.Healthy, (await Check(services)).Status);
    }

    [Fact]
    public async Task Check_InSyncWhileTheSearchIndexesLoad_IsUnhealthyUntilTheyAreLoaded()
    {
        await using var services = Services();
        var ingestion = services.GetRequiredService<CorpusIngestion>();
        await ingestion.SyncCorpusAsync();
        var warmUp = WarmUp(services);
        var check = new CorpusReadinessCheck(ingestion, warmUp);

        var loading = await check.CheckHealthAsync(new HealthCheckContext());
        await warmUp.RunAsync(CancellationToken.None);
        var loaded = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, loading.Status);
        Assert.Equal("The search indexes are still loading.", loading.Description);
        Assert.Equal(HealthStatus.Healthy, loaded.Status);
    }

    [Fact]
    public async Task Readyz_NotReady_BodyGivesTheReason()
    {
        await using var host = await TradeBotTestHost.StartAsync(services =>
        {
            services.AddSingleton<TradeBot.Core.Answers.IQuestionAnswerer, FakeQuestionAnswerer>();
            services.AddSingleton<TradeBot.Core.Answers.ICorpusOverview, FakeCorpusOverview>();
            services.AddHealthChecks().AddCheck("corpus", () => HealthCheckResult.Unhealthy("data/tradebot.db is damaged"), [HealthTags.Ready]);
        });

        using var ready = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy\ncorpus: data/tradebot.db is damaged", await ready.Content.ReadAsStringAsync());
    }

    public void Dispose() => _pipeline.Dispose();

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        _pipeline.Register(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The check as the server makes it: the search indexes are loaded once the corpus is in sync.</summary>
    private static async Task<HealthCheckResult> Check(IServiceProvider services)
    {
        var ingestion = services.GetRequiredService<CorpusIngestion>();
        var warmUp = WarmUp(services);
        if (ingestion.IsSynced)
        {
            await warmUp.RunAsync(CancellationToken.None);
        }
        return await new CorpusReadinessCheck(ingestion, warmUp).CheckHealthAsync(new HealthCheckContext());
    }

    private static SearchIndexWarmUp WarmUp(IServiceProvider services) =>
        new(TimeProvider.System, NullLogger<SearchIndexWarmUp>.Instance, services.GetRequiredService<ISearchIndexLoader>());
}
