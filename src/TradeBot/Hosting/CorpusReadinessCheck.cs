using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Stores;

namespace TradeBot.Hosting;

/// <summary>Ready when the store answers and the corpus folder has been ingested since the server started.</summary>
internal sealed class CorpusReadinessCheck(CorpusIngestion ingestion, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IPassageStoreHealth>() is { } store && !await store.IsReachableAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The vector store is not reachable.");
        }
        return ingestion.IsSynced
            ? HealthCheckResult.Healthy("Corpus ingested.")
            : HealthCheckResult.Unhealthy("The corpus is still being ingested.");
    }
}
