using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TradeBot.Core.Ingestion;

namespace TradeBot.Cli;

/// <summary>What every answering verb does first: bring the corpus folder up to date (next to free when unchanged).</summary>
internal static class CorpusSyncStep
{
    public static Task RunAsync(IServiceProvider services, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var ingestion = services.GetRequiredService<CorpusIngestion>();
        return IngestionRunner.RunAsync(console, progress => ingestion.SyncCorpusAsync(progress, cancellationToken), alwaysSummarize: false);
    }

    /// <summary>A console on standard error, so that machine-readable output on standard output stays clean.</summary>
    public static IAnsiConsole StandardError() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
