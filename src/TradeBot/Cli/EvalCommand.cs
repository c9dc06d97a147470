using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Spectre.Console;
using TradeBot.Core.Answers;
using TradeBot.Core.Stores;

namespace TradeBot.Cli;

internal static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Question cases, one JSON object a line (see shared/eval/README.md)" };
        var command = new Command("eval", "Run question cases and print a line per case and the pass count") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var casesFile = parse.GetValue(file)!;
            if (!casesFile.Exists)
            {
                await Console.Error.WriteLineAsync($"eval: no such file: {casesFile.FullName}");
                return ExitCodes.InvalidInput;
            }
            var cases = new List<EvalCase>();
            var lineNumber = 0;
            foreach (var line in await File.ReadAllLinesAsync(casesFile.FullName, cancellationToken))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                try
                {
                    cases.Add(JsonSerializer.Deserialize<EvalCase>(line) ?? throw new JsonException("empty"));
                }
                catch (JsonException ex)
                {
                    await Console.Error.WriteLineAsync($"eval: line {lineNumber} is not a valid case: {ex.Message}");
                    return ExitCodes.InvalidInput;
                }
            }

            await using var services = CliServices.Build(parse.GetValue(CorpusCommandOptions.Corpus), parse.GetValue(CorpusCommandOptions.Data));
            var console = AnsiConsole.Console;
            await CorpusSyncStep.RunAsync(services, console, cancellationToken);
            var answerer = services.GetRequiredService<IQuestionAnswerer>();
            var judge = new EvalJudge(services.GetRequiredService<VectorStoreCollection<Guid, PassageRecord>>());
            var passed = 0;
            foreach (var evalCase in cases)
            {
                var history = new List<ConversationTurn>();
                Answer? answer = null;
                foreach (var turn in evalCase.Turns)
                {
                    answer = await answerer.AnswerAsync(turn, history, cancellationToken);
                    history.Add(new ConversationTurn(turn, answer));
                }
                var failure = answer is null ? "case has no turns" : await judge.FailureAsync(evalCase, answer, cancellationToken);
                if (failure is null)
                {
                    passed++;
                    console.MarkupLineInterpolated($"[green]PASS[/] {evalCase.Id}  {evalCase.Turns[^1]}");
                }
                else
                {
                    console.MarkupLineInterpolated($"[red]FAIL[/] {evalCase.Id}  {(evalCase.Turns.Count > 0 ? evalCase.Turns[^1] : string.Empty)} — {failure}");
                    console.MarkupLineInterpolated($"     [grey]{answer?.Text ?? string.Empty}[/]");
                }
            }
            console.WriteLine($"{passed}/{cases.Count} cases passed");
            return passed == cases.Count ? ExitCodes.Success : ExitCodes.PartialFailure;
        });
        return command;
    }
}
