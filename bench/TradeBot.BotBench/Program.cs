// Drives TradeBot's /api/messages with deliveryMode expectReplies from many concurrent conversations and prints
// throughput, latency percentiles, errors and memory. Not a test: run it against a server started separately, e.g.
//   dotnet run --project src/TradeBot &
//   dotnet run -c Release --project bench/TradeBot.BotBench -- --conversations 50 --seconds 60 --pid <server pid>
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TradeBot.BotBench;
using TradeBot.BotFramework.Schema;
using Activity = TradeBot.BotFramework.Schema.Activity;

// With --directline: the memory soak of the public Direct Line routes instead (see DirectLineSoak), e.g.
//   dotnet run -c Release --project bench/TradeBot.BotBench -- --directline --url http://localhost:3978/ --seconds 600 --pid <server pid>
var options = BenchOptions.Parse(args);
if (args.Contains("--directline"))
{
    return await DirectLineSoak.RunAsync(new Uri(options.Endpoint.GetLeftPart(UriPartial.Authority) + "/"), options.Duration, TimeSpan.FromSeconds(30), options.ServerPid);
}
var questions = LoadQuestions(options.QuestionsFile);
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
var latencies = new List<double>[options.Conversations];
var errors = new int[options.Conversations];
var deadline = Stopwatch.StartNew();

Console.WriteLine($"Driving {options.Endpoint} from {options.Conversations} conversations for {options.Duration.TotalSeconds:0} s ...");
await Task.WhenAll(Enumerable.Range(0, options.Conversations).Select(RunConversationAsync));
var elapsed = deadline.Elapsed;

var all = latencies.SelectMany(l => l).Order().ToArray();
var errorCount = errors.Sum();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests   {all.Length + errorCount} in {elapsed.TotalSeconds:0.0} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput {all.Length / elapsed.TotalSeconds:0.0} answers/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency    p50 {Percentile(all, 0.50):0.0} ms, p95 {Percentile(all, 0.95):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms, max {(all.Length > 0 ? all[^1] : 0):0.0} ms"));
Console.WriteLine($"errors     {errorCount}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory     bench {Environment.WorkingSet / 1048576.0:0} MiB{ServerMemory(options.ServerPid)}"));
return errorCount == 0 ? 0 : 1;

async Task RunConversationAsync(int index)
{
    latencies[index] = [];
    var conversationId = $"bench-{index}-{Guid.NewGuid():N}";
    for (var turn = 0; deadline.Elapsed < options.Duration; turn++)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = $"{conversationId}-{turn}",
            ChannelId = Channels.Emulator,
            DeliveryMode = DeliveryModes.ExpectReplies,
            From = new ChannelAccount($"user-{index}", "Bench"),
            Recipient = new ChannelAccount("bot", "TradeBot"),
            Conversation = new ConversationAccount { Id = conversationId },
            Text = questions[(index + turn) % questions.Count],
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.PostAsJsonAsync(options.Endpoint, activity, ActivitySerializer.Options);
            var replies = response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<ExpectedReplies>(ActivitySerializer.Options)
                : null;
            if (replies?.Activities.Any(a => a.IsType(ActivityTypes.Message)) == true)
            {
                latencies[index].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                errors[index]++;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            errors[index]++;
        }
    }
}

static List<string> LoadQuestions(string? file)
{
    if (file is null)
    {
        return ["What tariffs did the US announce on Chinese goods?", "How did China respond?", "What did the EU decide on electric vehicles?"];
    }

    // Seed eval files hold {"turns": ["question", ...]} per line; plain text files hold one question per line.
    return [.. File.ReadLines(file).Where(l => l.Trim().Length > 0).SelectMany(line =>
        line.TrimStart().StartsWith('{')
            ? JsonDocument.Parse(line).RootElement.GetProperty("turns").EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [line.Trim()])];
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string ServerMemory(int? pid)
{
    if (pid is null || !File.Exists($"/proc/{pid}/status"))
    {
        return string.Empty;
    }

    var status = File.ReadAllLines($"/proc/{pid}/status");
    string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim() ?? "?";
    return $", server RSS {Field("VmRSS:")} (peak {Field("VmHWM:")})";
}
