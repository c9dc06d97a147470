using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Text;

namespace TradeBot.Cli;

/// <summary>`status`: what the store holds and how fresh it is, as <c>/readyz</c> reports it, without syncing anything.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Print the article counts, the date range, the last sync of the corpus folder and each feed's last poll and failures");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            var services = host.Services;
            var status = await services.GetRequiredService<CorpusStatusReader>().ReadAsync(cancellationToken);
            foreach (var line in status.Lines())
            {
                await Console.Out.WriteLineAsync(PrintableText.Escape(line));
            }
            return status.Feeds.Any(f => f.LastError is not null || f.ItemFailures.Count > 0) ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }
}
