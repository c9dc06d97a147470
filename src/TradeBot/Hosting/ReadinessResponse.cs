using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradeBot.Core.Ingestion;

namespace TradeBot.Hosting;

/// <summary>
/// The body of <c>/readyz</c>: the status, then each check that is not healthy with its reason, one a line; then, when
/// the corpus can be read, what it holds and how fresh it is (<see cref="CorpusStatus"/>: counts, dates, the last folder
/// sync, each feed's last poll and failures).
/// </summary>
internal static class ReadinessResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString()}")
            .Prepend(report.Status.ToString())
            .ToList();
        if (context.RequestServices.GetService<CorpusStatusReader>() is { } status && await StatusLinesAsync(status, context.RequestAborted) is { } corpus)
        {
            lines.AddRange(corpus);
        }
        await context.Response.WriteAsync(string.Join('\n', lines), context.RequestAborted);
    }

    /// <summary>The status lines; null when the store cannot be read (the checks above already say why).</summary>
    private static async Task<IEnumerable<string>?> StatusLinesAsync(CorpusStatusReader status, CancellationToken cancellationToken)
    {
        try
        {
            return (await status.ReadAsync(cancellationToken)).Lines();
        }
        catch (Exception ex) when (ex is TradeBot.Core.Stores.StoreFailureException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
