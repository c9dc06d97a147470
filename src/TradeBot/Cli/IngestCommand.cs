using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TradeBot.Core.Ingestion;

namespace TradeBot.Cli;

internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or folders to ingest (default: the corpus folder), or RSS/Atom feed addresses (http:// or https://) to poll once. A folder is kept in sync: articles whose files left it are removed.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var verify = new Option<bool>("--verify")
        {
            Description = "Check every article's passages in the store first, and write again the articles missing any (the rest is not embedded again)",
        };
        var command = new Command("ingest", "Bring the store up to date with articles in files and folders") { paths, verify };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            var services = host.Services;
            var ingestion = services.GetRequiredService<CorpusIngestion>();
            var synchronizer = services.GetRequiredService<CorpusSynchronizer>();
            var given = parse.GetValue(paths) ?? [];
            var feeds = given.Where(FeedPolls.IsAddress).ToList();
            var targets = given.Except(feeds).ToArray() is { Length: > 0 } files ? files : feeds.Count > 0 ? [] : [ingestion.CorpusPath];
            var failed = false;
            if (targets.Length > 0)
            {
                var report = await IngestionRunner.RunAsync(AnsiConsole.Console,
                    progress => synchronizer.SyncAsync(targets, parse.GetValue(verify), progress, cancellationToken), alwaysSummarize: true);
                failed = report.Failed > 0;
            }
            foreach (var feed in feeds)
            {
                failed |= !await FeedPolls.PollOnceAsync(services, AnsiConsole.Console, feed, cancellationToken);
            }
            return failed ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }
}
