// Drives TradeBot's /api/messages with deliveryMode expectReplies from many concurrent conversations and prints
// throughput, latency percentiles, errors and memory, after a warm-up that is driven alike but not measured (--warmup,
// 30 s unless given; its figures are printed apart). Not a test: run it against a server started separately, e.g.
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
var warmUpLatencies = new List<double>[options.Conversations];
var errors = new int[options.Conversations];
var clock = Stopwatch.StartNew();
var end = options.WarmUp + options.Duration;

Console.WriteLine($"Driving {options.Endpoint} from {options.Conversations} conversations for {options.WarmUp.TotalSeconds:0} s of warm-up, then {options.Duration.TotalSeconds:0} s measured ...");
await Task.WhenAll(Enumerable.Range(0, options.Conversations).Select(RunConversationAsync));
var elapsed = clock.Elapsed - options.WarmUp;

var warm = warmUpLatencies.SelectMany(l => l).Order().ToArray();
var all = latencies.SelectMany(l => l).Order().ToArray();
var errorCount = errors.Sum();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up    {warm.Length} answers in {options.WarmUp.TotalSeconds:0} s, {Latencies(warm)} (not counted below)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests   {all.Length} answered in {elapsed.TotalSeconds:0.0} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput {all.Length / elapsed.TotalSeconds:0.0} answers/s"));
Console.WriteLine($"latency    {Latencies(all)}");
Console.WriteLine($"errors     {errorCount} (warm-up included)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory     bench {Environment.WorkingSet / 1048576.0:0} MiB{ServerMemory(options.ServerPid)}"));
return errorCount == 0 ? 0 : 1;

async Task RunConversationAsync(int index)
{
    latencies[index] = [];
    warmUpLatencies[index] = [];
    var conversationId = $"bench-{index}-{Guid.NewGuid():N}";
    for (var turn = 0; clock.Elapsed < end; turn++)
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
        var measured = clock.Elapsed >= options.WarmUp ? latencies[index] : warmUpLatencies[index];
        try
        {
            using var response = await http.PostAsJsonAsync(options.Endpoint, activity, ActivitySerializer.Options);
            var replies = response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<ExpectedReplies>(ActivitySerializer.Options)
                : null;
            if (replies?.Activities.Any(a => a.IsType(ActivityTypes.Message)) == true)
            {
                measured.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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

static string Latencies(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
    $"p50 {Percentile(sorted, 0.50):0.0} ms, p95 {Percentile(sorted, 0.95):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {(sorted.Length > 0 ? sorted[^1] : 0):0.0} ms");

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
