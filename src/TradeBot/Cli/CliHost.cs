using System.CommandLine;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TradeBot.Hosting;

namespace TradeBot.Cli;

/// <summary>The host of the command-line verbs: the server's settings and registrations, without the web server.</summary>
internal static class CliHost
{
    public static IHost Build(ParseResult parse)
    {
        var builder = TradeBotHost.CreateBuilder([]).AddTradeNews(parse.GetValue(CorpusCommandOptions.Corpus), parse.GetValue(CorpusCommandOptions.Data));
        // On standard error, so that output meant for other programs (ask --json) stays clean; one line per entry.
        builder.Logging.ClearProviders()
            .AddConsole(console =>
            {
                console.FormatterName = CliLogFormatter.Name;
                console.LogToStandardErrorThreshold = LogLevel.Trace;
            })
            .AddConsoleFormatter<CliLogFormatter, ConsoleFormatterOptions>()
            .SetMinimumLevel(LogLevel.Warning);
        var host = builder.Build();
        try
        {
            // What a host does at start: every option registered with ValidateOnStart is checked now, not on first use.
            host.Services.GetService<IStartupValidator>()?.Validate();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
