using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace TradeBot.Cli;

/// <summary>
/// Log lines for a terminal: <c>warn: message</c>, one line each, without the exception's stack trace (the messages of
/// store and Qdrant failures already say what failed and what to do; a stack trace only buries that).
/// </summary>
internal sealed class CliLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "tradebot-cli";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var level = logEntry.LogLevel switch
        {
            LogLevel.Critical => "crit",
            LogLevel.Error => "fail",
            LogLevel.Warning => "warn",
            LogLevel.Information => "info",
            LogLevel.Debug => "dbug",
            _ => "trce",
        };
        textWriter.WriteLine($"{level}: {message.ReplaceLineEndings(" ")}");
    }
}
