using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TradeBot.Core.Answers;
using TradeBot.Core.Retrieval;

namespace TradeBot.Cli;

internal static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question to answer" };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object: question, answered, answer, citations" };
        var explain = new Option<bool>("--explain") { Description = "Also print the analysed terms, the ranked candidates with their scores, and the checks' verdict" };
        var command = new Command("ask", "Answer one question from the corpus, with its sources") { question, json, explain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(question)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                await Console.Error.WriteLineAsync("ask: the question is empty.");
                return ExitCodes.InvalidInput;
            }
            var asJson = parse.GetValue(json);
            using var host = CliHost.Build(parse);
            var services = host.Services;
            await CorpusSyncStep.RunAsync(services, asJson ? CorpusSyncStep.StandardError() : AnsiConsole.Console, cancellationToken);
            if (parse.GetValue(explain) && !asJson)
            {
                var retrieval = await services.GetRequiredService<PassageRetriever>().RetrieveAsync(new RetrievalRequest(text, Top: ExtractiveAnswerer.RetrievalTop), cancellationToken);
                RetrievalExplainer.Print(AnsiConsole.Console, retrieval);
            }
            var answer = await services.GetRequiredService<IQuestionAnswerer>().AnswerAsync(text, [], cancellationToken);
            if (asJson)
            {
                Console.Out.WriteLine(AnswerPrinter.ToJson(answer));
            }
            else
            {
                AnswerPrinter.Print(AnsiConsole.Console, answer);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
