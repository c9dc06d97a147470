using Spectre.Console;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Text;

namespace TradeBot.Cli;

/// <summary>Runs an ingestion with a progress bar (on an interactive terminal) and prints what it did.</summary>
internal static class IngestionRunner
{
    public static async Task<IngestReport> RunAsync(IAnsiConsole console, Func<IProgress<IngestProgress>, Task<IngestReport>> ingest, bool alwaysSummarize)
    {
        IngestReport report;
        if (console.Profile.Capabilities.Interactive)
        {
            report = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Ingesting articles", maxValue: 1);
                    var progress = new Progress<IngestProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.BytesTotal);
                        task.Value = p.BytesDone;
                        task.Description = $"Ingesting articles ({p.ArticlesSeen:N0} read)";
                    });
                    var result = await ingest(progress);
                    task.Value = task.MaxValue;
                    return result;
                });
        }
        else
        {
            report = await ingest(new Progress<IngestProgress>());
        }
        if (alwaysSummarize || !report.WroteNothing || report.Failed > 0)
        {
            PrintSummary(console, report);
        }
        if (report.Repaired > 0)
        {
            console.MarkupLineInterpolated($"[yellow]repaired:[/] {report.Repaired:N0} articles had passages missing from the store and were written again.");
        }
        foreach (var warning in report.Warnings)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        }
        return report;
    }

    private static void PrintSummary(IAnsiConsole console, IngestReport report)
    {
        var table = new Table().AddColumns("added", "updated", "unchanged", "removed", "failed", "passages written");
        table.AddRow($"{report.Added:N0}", $"{report.Updated:N0}", $"{report.Unchanged:N0}", $"{report.Removed:N0}", $"{report.Failed:N0}", $"{report.Passages:N0}");
        console.Write(table);
        foreach (var failure in report.Failures)
        {
            console.MarkupLineInterpolated($"[red]failed:[/] {PrintableText.Escape(failure.Item)}: {PrintableText.Escape(failure.Reason)}");
        }
    }
}
