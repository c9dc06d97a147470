using System.CommandLine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Cli;

var root = new RootCommand("TradeBot: answers questions about trade news from a corpus of articles, citing its sources. With no command it serves the bot.")
{
    CorpusCommandOptions.Corpus,
    CorpusCommandOptions.Data,
    ServeCommand.Create(),
    AskCommand.Create(),
    ChatCommand.Create(),
    IngestCommand.Create(),
    EvalCommand.Create(),
    TeamsPackageCommand.Create(),
    DownloadModelCommand.Create(),
};
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction(ServeCommand.RunAsync);
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OptionsValidationException ex)
{
    // A setting the user can fix: say which, without a stack trace.
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync($"configuration error: {failure}");
    }
    return ExitCodes.InvalidInput;
}
catch (VectorStoreException ex)
{
    // The store (Qdrant) failed: the message names the cause; the next run resumes where this one stopped.
    await Console.Error.WriteLineAsync($"vector store error: {ex.Message}");
    return ExitCodes.PartialFailure;
}
