using System.CommandLine;
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
        await app.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
