using System.CommandLine;
using Spectre.Console;
using TradeBot.Core.Embeddings;
using TradeBot.Hosting;

namespace TradeBot.Cli;

internal static class DownloadModelCommand
{
    public static Command Create()
    {
        var folder = new Option<DirectoryInfo>("--to") { Description = "The folder for model.onnx and vocab.txt (then set Embeddings:ModelPath to it)", Required = true };
        var command = new Command("download-model", "Download a sentence-embedding model for Embeddings:Provider=onnx (needs internet; Embeddings:ModelUrl and VocabularyUrl choose it)") { folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Only the download addresses are read: the model settings are not validated, as the model is not there yet.
            using var configuration = TradeBotHost.CreateBuilder([]).Configuration;
            var options = configuration.GetSection(EmbeddingOptions.SectionName).Get<EmbeddingOptions>() ?? new EmbeddingOptions();
            var target = parse.GetValue(folder)!.FullName;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            try
            {
                await AnsiConsole.Status().StartAsync("Downloading", async context =>
                {
                    var progress = new Progress<(string File, long Bytes)>(p => context.Status($"Downloading {p.File}: {p.Bytes / 1_048_576.0:F1} MB"));
                    await new OnnxModelDownloader(http).DownloadAsync(new Uri(options.ModelUrl), new Uri(options.VocabularyUrl), target, progress, cancellationToken);
                });
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync($"download-model: {ex.Message}");
                return ExitCodes.PartialFailure;
            }
            Console.WriteLine($"Model in {target}. Use it with Embeddings__Provider=onnx Embeddings__ModelPath={target}");
            return ExitCodes.Success;
        });
        return command;
    }
}
