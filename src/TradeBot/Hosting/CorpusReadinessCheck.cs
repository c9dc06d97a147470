using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradeBot.Core.Ingestion;

namespace TradeBot.Hosting;

/// <summary>
/// Ready when the corpus folder has been ingested since the server started, and the store holds what the catalog
/// lists (checked again whenever another process has changed the store). Otherwise the description says why (a broken
/// store file, a gap between store and catalog), or that the search indexes are still loading. Whether a store server
/// answers is its own check, added with the store.
/// </summary>
internal sealed class CorpusReadinessCheck(CorpusIngestion ingestion, SearchIndexWarmUp warmUp) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (ingestion.Problem is { } problem)
        {
            return HealthCheckResult.Unhealthy(problem);
        }
        if (!ingestion.IsSynced)
        {
            return HealthCheckResult.Unhealthy("The corpus is still being ingested.");
        }
        if (!warmUp.IsDone)
        {
            return HealthCheckResult.Unhealthy("The search indexes are still loading.");
        }
        return (await ingestion.CurrentConsistencyAsync(cancellationToken))?.Problem is { } gap
            ? HealthCheckResult.Unhealthy(gap)
            : HealthCheckResult.Healthy("Corpus ingested.");
    }
}
