using System.CommandLine;
using Microsoft.Extensions.Options;
using TradeBot.Hosting;

namespace TradeBot.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Serve the bot on /api/messages (the default when no command is given); ASP.NET Core options such as --urls pass through")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    /// <summary>Runs the server with the tokens System.CommandLine did not recognise (such as <c>--urls</c>) as host arguments.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var app = BotServer.Build([.. parse.UnmatchedTokens], parse.GetValue(CorpusCommandOptions.Corpus), parse.GetValue(CorpusCommandOptions.Data));
        // Settings (bot credentials among them) are checked before the host starts, so that a bad one ends the
        // run with its one-line message instead of the host's "failed to start" log with a stack trace.
        app.Services.GetService<IStartupValidator>()?.Validate();
        await app.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
