using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TradeBot.Tests.Bot;

/// <summary>
/// The Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>) as a child process on loopback,
/// pointed at the bot. A no-op <c>xdg-open</c> comes first on its PATH: the Playground tries to open a desktop
/// browser at start and exits when it cannot.
/// </summary>
internal sealed class AgentsPlayground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _toolsDirectory;

    private AgentsPlayground(Process process, string toolsDirectory, Uri address)
    {
        _process = process;
        _toolsDirectory = toolsDirectory;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint, string channelId)
    {
        var cli = RepositoryPaths.NodeModule(Path.Combine("@microsoft", "m365agentsplayground", "cli.js"));
        var tools = Directory.CreateTempSubdirectory("tradebot-playground-").FullName;
        var xdgOpen = Path.Combine(tools, "xdg-open");
        await File.WriteAllTextAsync(xdgOpen, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(xdgOpen, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = tools,
        };
        foreach (var argument in new[] { cli, "-e", botEndpoint.AbsoluteUri, "-c", channelId, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dt" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["HOME"] = tools;
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var playground = new AgentsPlayground(process, tools, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => playground.Append(e.Data);
        process.ErrorDataReceived += (_, e) => playground.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await playground.WaitUntilListeningAsync();
        return playground;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_toolsDirectory, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Agents Playground exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(Address);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The Agents Playground did not start listening on {Address}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
