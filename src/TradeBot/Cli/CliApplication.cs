using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;

namespace TradeBot.Cli;

/// <summary>
/// The command line: its verbs, and what the user sees when a run cannot go on — one line that names the file or
/// setting and what to do, and an exit code from <see cref="ExitCodes"/>; never a stack trace.
/// </summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        var root = new RootCommand("TradeBot: answers questions about trade news from a corpus of articles, citing its sources. With no command it serves the bot.")
        {
            CorpusCommandOptions.Corpus,
            CorpusCommandOptions.Data,
            ServeCommand.Create(),
            AskCommand.Create(),
            ChatCommand.Create(),
            IngestCommand.Create(),
            StatusCommand.Create(),
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
        catch (Exception ex) when (OneLine(ex) is { } failure)
        {
            await error.WriteLineAsync(failure.Line);
            return failure.ExitCode;
        }
    }

    /// <summary>The line and exit code for a failure the user can act on; null for a bug, which keeps its stack trace.</summary>
    private static (string Line, int ExitCode)? OneLine(Exception exception) => exception switch
    {
        // A setting the user can fix (credentials included): say which.
        OptionsValidationException options => ($"configuration error: {string.Join(" ", options.Failures)}", ExitCodes.InvalidInput),
        AggregateException { InnerExceptions: var inner } when inner.Count > 0 && inner.All(e => e is OptionsValidationException) =>
            ($"configuration error: {string.Join(" ", inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures))}", ExitCodes.InvalidInput),
        StoreFailureException store => (store.Message, store.Kind == StoreFailureKind.NotWritable ? ExitCodes.NotWritable : ExitCodes.StoreUnusable),
        // The store (Qdrant) failed: the message names the cause; the next run resumes where this one stopped.
        VectorStoreException vector => ($"vector store error: {vector.Message}", ExitCodes.PartialFailure),
        SqliteException sqlite => ($"store error: {sqlite.Message}. Check the files under the data folder (Corpus:DataPath, --data).", ExitCodes.StoreUnusable),
        IOException or UnauthorizedAccessException => ($"file error: {exception.Message} Check the path and its permissions.", ExitCodes.NotWritable),
        _ => null,
    };
}
