using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Spectre.Console;
using TradeBot.Core.Answers;
using TradeBot.Core.Evaluation;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Stores;

namespace TradeBot.Cli;

internal static class EvalCommand
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Question cases, one JSON object a line (see shared/eval/README.md)" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report (every case and every figure) to this file as JSON" };
        var command = new Command("eval", "Run question cases: a line per case, then pass rates, recall@1/5/20 of the gold articles, false refusals and answers, answer latency")
        {
            file,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var casesFile = parse.GetValue(file)!;
            if (!casesFile.Exists)
            {
                await Console.Error.WriteLineAsync($"eval: no such file: {casesFile.FullName}");
                return ExitCodes.InvalidInput;
            }
            IReadOnlyList<EvalCase> cases;
            try
            {
                cases = await EvalCase.ReadFileAsync(casesFile.FullName, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                await Console.Error.WriteLineAsync($"eval: {casesFile.Name}: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            using var host = CliHost.Build(parse);
            var services = host.Services;
            var console = AnsiConsole.Console;
            await CorpusSyncStep.RunAsync(services, console, cancellationToken);
            var runner = new EvalRunner(
                services.GetRequiredService<IQuestionAnswerer>(),
                EvalJudge.Over(services.GetRequiredService<VectorStoreCollection<Guid, PassageRecord>>()),
                services.GetRequiredService<PassageRetriever>());
            var results = new List<EvalCaseResult>();
            await foreach (var result in runner.RunCasesAsync(cases, cancellationToken))
            {
                results.Add(result);
                PrintCase(console, result);
            }
            var report = new EvalReport(results);
            PrintSummary(console, report);
            if (parse.GetValue(json) is { } jsonFile)
            {
                await File.WriteAllTextAsync(jsonFile.FullName, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
            }
            return report.AllPassed ? ExitCodes.Success : ExitCodes.PartialFailure;
        });
        return command;
    }

    private static void PrintCase(IAnsiConsole console, EvalCaseResult result)
    {
        if (result.Passed)
        {
            console.MarkupLineInterpolated($"[green]PASS[/] {result.Id}  {result.Question}");
        }
        else
        {
            console.MarkupLineInterpolated($"[red]FAIL[/] {result.Id}  {result.Question} — {result.Failure}");
            console.MarkupLineInterpolated($"     [grey]{result.AnswerText}[/]");
        }
    }

    private static void PrintSummary(IAnsiConsole console, EvalReport report)
    {
        console.WriteLine($"{report.PassRate.Hits}/{report.PassRate.Total} cases passed");
        console.WriteLine($"pass rate {report.PassRate}; single-turn {report.SingleTurnPassRate}; multi-turn {report.MultiTurnPassRate}");
        console.WriteLine($"recall of the gold articles (first k distinct articles retrieved, refuse cases excluded): " +
            $"@1 {report.RecallAt1}; @5 {report.RecallAt5}; @20 {report.RecallAt20}");
        console.WriteLine($"false refusals {report.FalseRefusals} (of {report.Cases.Count - report.RefuseCases} cases to answer); " +
            $"false answers {report.FalseAnswers} (of {report.RefuseCases} refuse cases)");
        console.WriteLine($"answer latency over {report.AnsweredLatenciesMs.Count} answered turns after the first: p50 {Milliseconds(report.LatencyP50Ms)}, " +
            $"p95 {Milliseconds(report.LatencyP95Ms)}; first turn (opens the indexes, loads the model) {Milliseconds(report.FirstTurnLatencyMs)}");
    }

    private static string Milliseconds(double? value) =>
        value is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:F1} ms") : "n/a";
}
