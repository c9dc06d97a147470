using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using TradeBot.Core.Stores.Qdrant;

namespace TradeBot.Core.Tests.Stores.Qdrant.Support;

/// <summary>
/// The Qdrant store as the application wires it (configuration keys, <c>AddQdrantPassageStore</c>, the official
/// client and its resilient calls), pointed at a test endpoint with short timeouts and backoff.
/// </summary>
internal sealed class QdrantTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public QdrantTestHost(Uri endpoint, string collectionName, IDictionary<string, string?>? overrides = null, int dimension = TestEmbeddings.Dimension, ILoggerProvider? logging = null, TimeProvider? timeProvider = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["VectorStore:Provider"] = "qdrant",
            ["VectorStore:Qdrant:Endpoint"] = endpoint.ToString(),
            ["VectorStore:Qdrant:CollectionName"] = collectionName,
            ["VectorStore:Qdrant:Timeout"] = "00:00:05",
            ["VectorStore:Qdrant:MaxRetries"] = "2",
            ["VectorStore:Qdrant:RetryDelay"] = "00:00:00.001",
            ["VectorStore:Qdrant:UpsertBatchSize"] = "2",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l =>
        {
            // Trace, so that the gRPC client's own call logging is captured too.
            l.SetMinimumLevel(LogLevel.Trace);
            if (logging is not null)
            {
                l.AddProvider(logging);
            }
        });
        if (timeProvider is not null)
        {
            // The store takes its clock from the container: attempt timeouts, backoff and health checks follow it.
            services.AddSingleton(timeProvider);
        }
        services.AddQdrantPassageStore(configuration, _ => new QdrantEmbedderInfo(TestEmbeddings.Name, dimension));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public QdrantPassageCollection Collection => _services.GetRequiredService<QdrantPassageCollection>();

    /// <summary>Whether the store's health check (the one <c>/readyz</c> runs) finds Qdrant healthy now.</summary>
    public async Task<bool> IsHealthyAsync() =>
        (await _services.GetRequiredService<QdrantHealthCheck>().CheckHealthAsync(new HealthCheckContext())).Status == HealthStatus.Healthy;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();
}
