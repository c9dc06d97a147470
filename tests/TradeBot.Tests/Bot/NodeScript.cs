using System.Diagnostics;

namespace TradeBot.Tests.Bot;

/// <summary>Runs a node script from tests/e2e and returns its exit code and output.</summary>
internal static class NodeScript
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "tests", "e2e"),
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "e2e", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
