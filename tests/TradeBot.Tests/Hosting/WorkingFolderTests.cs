using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TradeBot.Cli;
using TradeBot.Tests.Bot;

namespace TradeBot.Tests.Hosting;

/// <summary>
/// The command line started from folders that are not the application's: its settings files are read from the
/// application's folder; paths typed on the command line resolve against the working folder, paths in settings
/// against the repository; a TradeBot.sln in the working folder does not move the defaults.
/// </summary>
public sealed class WorkingFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tradebot-cwd-").FullName;

    [Fact]
    public async Task Ingest_RelativePathsOnTheCommandLine_ResolveAgainstTheWorkingFolder()
    {
        SeedCorpusIn(Path.Combine(_folder, "articles"));

        var ingest = await AppProcess.RunAsync(_folder, null, "ingest", "--corpus", "articles", "--data", "store");
        var status = await AppProcess.RunAsync(_folder, null, "status", "--corpus", "articles", "--data", "store");

        Assert.Equal(ExitCodes.Success, ingest.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "store", "tradebot.db")), ingest.Error);
        Assert.Contains($"folder {Path.Combine(_folder, "articles")}: ", status.Output, StringComparison.Ordinal);
        Assert.Contains("articles: 1 (1 from files, 0 from feeds)", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RelativePathInSettings_ResolvesAgainstTheRepositoryNotTheWorkingFolder()
    {
        // A repository of its own in the working folder: the defaults still come from the application's.
        await File.WriteAllTextAsync(Path.Combine(_folder, "TradeBot.sln"), string.Empty);

        var status = await AppProcess.RunAsync(_folder, new Dictionary<string, string> { ["Corpus__Path"] = "other-corpus" },
            "status", "--data", Path.Combine(_folder, "data"));

        Assert.Equal(ExitCodes.Success, status.ExitCode);
        Assert.Contains($"folder {Path.Combine(RepositoryPaths.Root, "other-corpus")}: not synced yet", status.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(RepositoryPaths.Root, "other-corpus")));
    }

    [Fact]
    public async Task Verbs_StartedFromAnotherFolder_ReadTheSettingsFilesOfTheApplicationsFolder()
    {
        await using var files = await ModelFiles.StartAsync();
        var corpus = Path.Combine(_folder, "corpus-from-settings");
        SeedCorpusIn(corpus);
        var environment = "Test" + Guid.NewGuid().ToString("N");
        var settingsFile = Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new
        {
            Corpus = new { Path = corpus, DataPath = Path.Combine(_folder, "data-from-settings") },
            Embeddings = new { ModelUrl = files.Url("model.onnx"), VocabularyUrl = files.Url("vocab.txt") },
        }));
        var working = Directory.CreateDirectory(Path.Combine(_folder, "elsewhere")).FullName;
        try
        {
            var variables = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = environment };
            var ingest = await AppProcess.RunAsync(working, variables, "ingest");
            var download = await AppProcess.RunAsync(working, variables, "download-model", "--to", "model");

            Assert.Equal(ExitCodes.Success, ingest.ExitCode);
            Assert.True(File.Exists(Path.Combine(_folder, "data-from-settings", "tradebot.db")), ingest.Error);
            Assert.Equal(ExitCodes.Success, download.ExitCode);
            Assert.Equal(ModelFiles.Model, await File.ReadAllBytesAsync(Path.Combine(working, "model", "model.onnx")));
            Assert.Equal(ModelFiles.Vocabulary, await File.ReadAllTextAsync(Path.Combine(working, "model", "vocab.txt")));
        }
        finally
        {
            File.Delete(settingsFile);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void SeedCorpusIn(string folder)
    {
        Directory.CreateDirectory(folder);
        var seed = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "seeds"), "*.txt")[0];
        File.Copy(seed, Path.Combine(folder, Path.GetFileName(seed)));
    }

    /// <summary>A loopback server with a model file and a vocabulary, for <c>download-model</c>.</summary>
    private sealed class ModelFiles : IAsyncDisposable
    {
        public static readonly byte[] Model = [1, 2, 3, 4];
        public const string Vocabulary = "[PAD]\n[UNK]\n";

        private WebApplication _app = null!;
        private Uri _address = null!;

        public static async Task<ModelFiles> StartAsync()
        {
            var files = new ModelFiles();
            (files._app, files._address) = await LoopbackHost.StartAsync(_ => { }, app =>
            {
                app.MapGet("/files/model.onnx", () => Results.Bytes(Model, "application/octet-stream"));
                app.MapGet("/files/vocab.txt", () => Results.Text(Vocabulary));
            });
            return files;
        }

        public string Url(string file) => new Uri(_address, "/files/" + file).ToString();

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
