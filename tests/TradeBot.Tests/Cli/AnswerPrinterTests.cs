using Spectre.Console;
using TradeBot.Cli;
using TradeBot.Core.Answers;

namespace TradeBot.Tests.Cli;

public sealed class AnswerPrinterTests
{
    private static readonly Answer s_hostile = new(
        "What tariff?",
        true,
        "Duties rose\u001B[2J. [1]",
        [new Citation(1, "a", "Title\u001B]0;owned\u0007", "Outlet", null, "javascript:alert(1)", "Duties rose\u001B[31m.")],
        []);

    [Fact]
    public void Print_ArticleTextWithControlCharacters_PrintsThemEscapedAndNoUnsafeLink()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });

        AnswerPrinter.Print(console, s_hostile);

        var printed = output.ToString();
        Assert.DoesNotContain('\u001B', printed);
        Assert.DoesNotContain('\u0007', printed);
        Assert.Contains("Duties rose\\x1B[2J. [1]", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_UnsafeUrl_IsNull() =>
        Assert.Contains("\"url\": null", AnswerPrinter.ToJson(s_hostile), StringComparison.Ordinal);
}
