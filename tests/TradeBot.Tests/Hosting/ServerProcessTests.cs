using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using TradeBot.Tests.Bot;
using TradeBot.Tests.DirectLine;

namespace TradeBot.Tests.Hosting;

/// <summary>The server as an operator starts it: a separate process, from a folder that is not the application's.</summary>
public sealed partial class ServerProcessTests
{
    [Fact]
    public async Task Serve_StartedFromAnotherFolder_LoadsAppSettingsAndLogsNoToken()
    {
        var folder = Directory.CreateTempSubdirectory("tradebot-cwd-").FullName;
        try
        {
            var corpus = Directory.CreateDirectory(Path.Combine(folder, "corpus")).FullName;
            File.Copy(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "corpus"), "*.txt")[0], Path.Combine(corpus, "seed.txt"));
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                // Not the application's folder, and without an appsettings.json of its own.
                WorkingDirectory = folder,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "TradeBot.dll"), "--urls", "http://127.0.0.1:0", "--corpus", corpus, "--data", Path.Combine(folder, "data") })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            start.Environment.Remove("DOTNET_ENVIRONMENT");
            start.Environment["Logging__Console__FormatterName"] = "simple";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
            var output = new StringBuilder();
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is not { } text)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(text);
                }

                if (ListeningOn().Match(text) is { Success: true } match)
                {
                    listening.TrySetResult(new Uri(match.Groups["address"].Value));
                }

                if (text.Contains("/stream refused with 400", StringComparison.Ordinal))
                {
                    refused.TrySetResult();
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
                using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
                var a = await DirectLineHttp.StartConversationAsync(client);

                using var response = await client.GetAsync(new Uri($"/v3/directline/conversations/{a.ConversationId}/stream?t={Uri.EscapeDataString(a.Token)}", UriKind.Relative));

                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                // TradeBot's own line comes after the request log that would carry the token: everything before it is out.
                await refused.Task.WaitAsync(TimeSpan.FromSeconds(30));
                string logged;
                lock (output)
                {
                    logged = output.ToString();
                }

                Assert.DoesNotContain(a.Token, logged, StringComparison.Ordinal);
                Assert.DoesNotContain("?t=", logged, StringComparison.Ordinal);
                // appsettings.json was read: it keeps ASP.NET Core's own request lines at Warning.
                Assert.DoesNotContain("Request starting", logged, StringComparison.Ordinal);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
