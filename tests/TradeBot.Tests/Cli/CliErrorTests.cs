using TradeBot.Cli;
using TradeBot.Core.Tests.TestSupport;
using TradeBot.Tests.TestSupport;

namespace TradeBot.Tests.Cli;

/// <summary>
/// A broken store or a bad setting ends the command line with one line that names the file or setting, and a
/// documented exit code: no unhandled exception, no stack trace.
/// </summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly SeedPipeline _folder = new();
    private readonly string _data;

    public CliErrorTests()
    {
        _data = Path.Combine(_folder.Root, "data");
        Directory.CreateDirectory(_data);
    }

    private string DatabaseFile => Path.Combine(_data, "tradebot.db");

    [Fact]
    public async Task Ingest_DatabaseIsNotSqlite_OneLineAndExitCode3()
    {
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(DatabaseFile, bytes);

        var (exitCode, error) = await RunAsync("ingest");

        Assert.Equal(ExitCodes.StoreUnusable, exitCode);
        Assert.Equal($"{DatabaseFile} is not a TradeBot database. Move it away (the store is rebuilt from the corpus at the next run), or set Corpus:DataPath (--data) to another folder.", Assert.Single(error));
    }

    [Fact]
    public async Task Ask_FolderWhereTheDatabaseBelongs_OneLineAndExitCode3()
    {
        Directory.CreateDirectory(DatabaseFile);

        var (exitCode, error) = await RunAsync("ask", "What tariff did the US impose?");

        Assert.Equal(ExitCodes.StoreUnusable, exitCode);
        Assert.StartsWith($"{DatabaseFile} is a folder", Assert.Single(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ZeroByteDatabase_OneLineAndExitCode3()
    {
        await File.WriteAllBytesAsync(DatabaseFile, []);

        var (exitCode, error) = await RunAsync("ingest");

        Assert.Equal(ExitCodes.StoreUnusable, exitCode);
        Assert.Contains("empty (0 bytes)", Assert.Single(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_UnknownSchemaVersion_OneLineAndExitCode3()
    {
        Assert.Equal(ExitCodes.Success, (await RunAsync("ingest")).ExitCode);
        RawSqlite.Execute(DatabaseFile, "UPDATE meta SET value = '2' WHERE key = 'schema_version'");

        var (exitCode, error) = await RunAsync("ingest");

        Assert.Equal(ExitCodes.StoreUnusable, exitCode);
        Assert.Contains("schema version 2", Assert.Single(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_DataPathIsAFile_OneLineAndExitCode4()
    {
        var blocker = Path.Combine(_folder.Root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");

        var (exitCode, error) = await RunAsync("ingest", "--data", Path.Combine(blocker, "data"));

        Assert.Equal(ExitCodes.NotWritable, exitCode);
        Assert.Contains("cannot create the data folder", Assert.Single(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadCredentialSetting_OneLineNamingItAndExitCode2()
    {
        var (exitCode, error) = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--MicrosoftAppType=Bogus");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal("configuration error: MicrosoftAppType 'Bogus' is not one of SingleTenant, MultiTenant, UserAssignedMSI.", Assert.Single(error));
    }

    public void Dispose() => _folder.Dispose();

    private async Task<(int ExitCode, IReadOnlyList<string> Error)> RunAsync(params string[] args)
    {
        using var error = new StringWriter();
        string[] folders = args.Contains("--data") ? ["--corpus", Path.Combine(_folder.Root, "corpus")] : ["--corpus", Path.Combine(_folder.Root, "corpus"), "--data", _data];
        var exitCode = await CliApplication.RunAsync([.. args, .. folders], error);
        return (exitCode, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
