using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TradeBot.BotBench;

/// <summary>
/// The memory soak of the hardening issue: one anonymous client on the public Direct Line routes, as fast as its rate
/// limits let it, opens conversations and posts activities with the largest text allowed, for a while, and samples
/// the server's resident memory. What the server keeps is bounded by its caps and expiry, so memory must level off.
/// </summary>
internal static class DirectLineSoak
{
    private const int TextBytes = 30_000;

    public static async Task<int> RunAsync(Uri server, TimeSpan duration, TimeSpan sampleEvery, int? serverPid)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var text = string.Concat(Enumerable.Repeat("What did the EU decide about tariffs on steel imports? ", TextBytes / 55));
        var clock = Stopwatch.StartNew();
        var nextSample = TimeSpan.Zero;
        var (posted, limited, failed) = (0, 0, 0);
        (string Token, string Conversation, string User)? session = null;
        var turnsInSession = 0;
        Console.WriteLine($"Soaking {server} through Direct Line for {duration.TotalSeconds:0} s ...");
        Console.WriteLine("seconds  posted  429s  errors  server RSS");
        while (clock.Elapsed < duration)
        {
            if (clock.Elapsed >= nextSample)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,7:0}  {posted,6}  {limited,4}  {failed,6}  {ResidentMemory(serverPid)}"));
                nextSample += sampleEvery;
            }
            try
            {
                if (session is null || turnsInSession >= 5)
                {
                    session = await StartAsync(http);
                    turnsInSession = 0;
                    if (session is null)
                    {
                        limited++;
                        await Task.Delay(TimeSpan.FromSeconds(1));
                        continue;
                    }
                }
                var status = await PostAsync(http, session.Value, text);
                if (status == HttpStatusCode.TooManyRequests)
                {
                    limited++;
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
                else if ((int)status >= 400)
                {
                    failed++;
                    session = null;
                }
                else
                {
                    posted++;
                    turnsInSession++;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
            {
                failed++;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,7:0}  {posted,6}  {limited,4}  {failed,6}  {ResidentMemory(serverPid)}"));
        return 0;
    }

    private static async Task<(string Token, string Conversation, string User)?> StartAsync(HttpClient http)
    {
        using var issued = await http.PostAsync("api/directline/token", content: null);
        if (!issued.IsSuccessStatusCode)
        {
            return null;
        }
        var grant = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var token = grant.GetProperty("token").GetString()!;
        using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await http.SendAsync(start);
        return started.IsSuccessStatusCode
            ? (token, grant.GetProperty("conversationId").GetString()!, grant.GetProperty("userId").GetString()!)
            : null;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, (string Token, string Conversation, string User) session, string text)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{session.Conversation}/activities")
        {
            Content = JsonContent.Create(new { type = "message", from = new { id = session.User }, text }),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        using var response = await http.SendAsync(post);
        return response.StatusCode;
    }

    private static string ResidentMemory(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return "?";
        }
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line?["VmRSS:".Length..].Trim() ?? "?";
    }
}
