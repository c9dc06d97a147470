using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TradeBot.Hosting;

/// <summary>The body of <c>/readyz</c>: the status, then each check that is not healthy with its reason, one a line.</summary>
internal static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString()}");
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())), context.RequestAborted);
    }
}
