using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TradeBot.Suggestions;
using TradeBot.Teams;

namespace TradeBot.Cli;

internal static class TeamsPackageCommand
{
    public static Command Create()
    {
        var appId = new Option<string>("--app-id") { Description = "The Azure Bot's Microsoft App ID", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the zip", DefaultValueFactory = _ => new FileInfo("tradebot-teams.zip") };
        var version = new Option<string>("--version") { Description = "The app version", DefaultValueFactory = _ => TeamsAppPackageWriter.DefaultVersion };
        var command = new Command("teams-package", "Write the Teams app package (manifest and icons) ready to upload, for a bot app id; its prompt starters are questions the corpus answers")
        {
            appId, output, version, CorpusCommandOptions.Corpus, CorpusCommandOptions.Data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(appId)!;
            if (!Guid.TryParse(id, out _))
            {
                await Console.Error.WriteLineAsync($"teams-package: '{id}' is not an app id (a GUID).");
                return ExitCodes.InvalidInput;
            }
            var file = parse.GetValue(output)!;
            // The prompt starters are questions the corpus answers: the corpus is brought up to date first, as by ask.
            using var host = CliHost.Build(parse);
            var services = host.Services;
            await CorpusSyncStep.RunAsync(services, AnsiConsole.Console, cancellationToken);
            var starters = await services.GetRequiredService<IQuestionSuggester>().ExamplesAsync(cancellationToken);
            await new TeamsAppPackageWriter().WriteAsync(id, file.FullName, parse.GetValue(version)!, promptStarters: starters, cancellationToken: cancellationToken);
            Console.WriteLine($"Wrote {file.FullName}: upload it in Teams (Apps > Manage your apps > Upload an app).");
            return ExitCodes.Success;
        });
        return command;
    }
}
