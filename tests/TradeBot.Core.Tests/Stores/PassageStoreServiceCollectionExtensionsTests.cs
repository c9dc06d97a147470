using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores;

/// <summary><c>VectorStore:Provider</c> chooses one store: only its registrations, and only its readiness check.</summary>
public sealed class PassageStoreServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("embedded", typeof(SqlitePassageCollection), typeof(SqlitePassageCollection), typeof(SqlitePassageCollection))]
    [InlineData("qdrant", typeof(QdrantPassageCollection), typeof(TermIndexedPassageCollection), typeof(LocalTermIndex))]
    public void AddPassageStore_EachProvider_RegistersExactlyOneStore(string provider, Type store, Type writtenThrough, Type termStatistics)
    {
        var services = Pipeline(provider);

        foreach (var seam in new[] { typeof(VectorStoreCollection<Guid, PassageRecord>), typeof(IKeywordHybridSearchable<PassageRecord>), typeof(ITermStatisticsSource), typeof(LocalDatabase) })
        {
            Assert.Single(services, d => d.ServiceType == seam);
        }
        Assert.Equal(store == typeof(SqlitePassageCollection), services.Any(d => d.ServiceType == typeof(SqlitePassageCollection)));
        Assert.Equal(store == typeof(QdrantPassageCollection), services.Any(d => d.ServiceType == typeof(QdrantPassageCollection)));
        using var built = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.IsType(writtenThrough, built.GetRequiredService<VectorStoreCollection<Guid, PassageRecord>>());
        Assert.IsType(store, built.GetRequiredService<IKeywordHybridSearchable<PassageRecord>>());
        Assert.IsType(termStatistics, built.GetRequiredService<ITermStatisticsSource>());
    }

    [Theory]
    [InlineData("embedded", new string[0])]
    [InlineData("qdrant", new[] { QdrantHealthCheck.Name })]
    public void AddPassageStore_EachProvider_AddsOnlyItsOwnReadinessCheck(string provider, string[] checks)
    {
        using var built = Pipeline(provider).BuildServiceProvider();

        var registrations = built.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal(checks, registrations.Select(r => r.Name));
        Assert.All(registrations, r => Assert.Contains(HealthTags.Ready, r.Tags));
    }

    public void Dispose() => _temp.Dispose();

    private ServiceCollection Pipeline(string provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VectorStore:Provider"] = provider,
            ["VectorStore:Qdrant:Endpoint"] = "http://127.0.0.1:6334",
            ["Embeddings:Provider"] = "builtin",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging().AddTradeNewsCorpus(configuration, _temp.Path).AddPassageStore(configuration).AddTradeNewsModels(configuration);
        return services;
    }
}
