using Spectre.Console;
using TradeBot.Cli;
using TradeBot.Core.Ingestion;

namespace TradeBot.Tests.Cli;

public sealed class IngestionRunnerTests
{
    [Fact]
    public async Task RunAsync_FileNameWithControlCharacters_PrintsThemEscaped()
    {
        var report = new IngestReport();
        report.Failures.Add(new IngestFailure("evil\u001B[2J\u001B]0;owned\u0007\nfailed: forged.txt", "empty article: no text after cleaning"));
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });

        await IngestionRunner.RunAsync(console, _ => Task.FromResult(report), alwaysSummarize: true);

        var printed = output.ToString();
        Assert.DoesNotContain('\u001B', printed);
        Assert.DoesNotContain('\u0007', printed);
        Assert.Contains("failed: evil\\x1B[2J\\x1B]0;owned\\x07\\x0Afailed: forged.txt: empty article", printed, StringComparison.Ordinal);
    }
}
