using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TradeBot.Core.Answers;
using TradeBot.Suggestions;

namespace TradeBot.Cli;

internal static class ChatCommand
{
    private const int MaxTurns = 10;

    public static Command Create()
    {
        var command = new Command("chat", "Talk with TradeBot in the terminal; follow-up questions use the conversation");
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        using var host = CliHost.Build(parse);
        var services = host.Services;
        await CorpusSyncStep.RunAsync(services, console, cancellationToken);
        var summary = await services.GetRequiredService<ICorpusOverview>().GetSummaryAsync(cancellationToken);
        console.MarkupLineInterpolated($"[bold]TradeBot[/] — {summary.ArticleCount:N0} articles. Ask about tariffs, trade talks and trade disputes; an empty line or 'exit' ends.");
        // The same examples as the bot's welcome: questions the corpus answers.
        foreach (var example in (await services.GetRequiredService<IQuestionSuggester>().ExamplesAsync(cancellationToken)).Take(Bot.WelcomeMessage.ExampleCount))
        {
            console.MarkupLineInterpolated($"[grey]  e.g. {example}[/]");
        }
        var answerer = services.GetRequiredService<IQuestionAnswerer>();
        var history = new List<ConversationTurn>();
        while (!cancellationToken.IsCancellationRequested)
        {
            console.Markup("[bold]> [/]");
            var line = Console.ReadLine()?.Trim();
            if (string.IsNullOrEmpty(line) || line is "exit" or "quit")
            {
                break;
            }
            var answer = await answerer.AnswerAsync(line, history, cancellationToken);
            AnswerPrinter.Print(console, answer);
            history.Add(new ConversationTurn(line, answer));
            if (history.Count > MaxTurns)
            {
                history.RemoveAt(0);
            }
        }
        return ExitCodes.Success;
    }
}
