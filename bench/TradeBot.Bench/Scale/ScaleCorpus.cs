using System.Text.Json;
using System.Text.RegularExpressions;
using TradeBot.Core.Ingestion;

namespace TradeBot.Bench.Scale;

/// <summary>
/// Writes a corpus of about <c>passages</c> passages as JSON Lines, from the Reuters-21578 and BBC News files: the
/// real articles first, in file order; past them, new articles recombined from their real sentences (see the README).
/// Deterministic: the same inputs and size give the same file.
/// </summary>
internal static partial class ScaleCorpus
{
    private static readonly DateTimeOffset s_firstDate = new(1987, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int DateSpanDays = 20 * 365;

    public static (int Articles, int RealArticles, int EstimatedPassages) Write(IReadOnlyList<string> sources, int passages, string path)
    {
        var real = sources.SelectMany(Read).ToList();
        using var output = new StreamWriter(path, append: false);
        var written = 0;
        var estimated = 0;
        var realUsed = 0;
        foreach (var article in real)
        {
            if (estimated >= passages)
            {
                break;
            }
            output.WriteLine(JsonSerializer.Serialize(article));
            estimated += PassageSplitter.Split(article.Body).Count;
            written++;
            realUsed++;
        }
        if (estimated < passages)
        {
            // Every real sentence, with the article it came from: new articles take theirs from three real ones.
            var sentences = real.Select(a => Sentences(a.Body)).ToList();
            for (var n = 0; estimated < passages; n++)
            {
                var random = new Random(n);
                var lead = random.Next(real.Count);
                var donors = new[] { lead, random.Next(real.Count), random.Next(real.Count) };
                var length = Math.Max(3, sentences[lead].Count);
                var body = new List<string>(length);
                var cursors = new int[donors.Length];
                for (var i = 0; i < length; i++)
                {
                    var donor = i % donors.Length;
                    var pool = sentences[donors[donor]];
                    if (pool.Count > 0)
                    {
                        body.Add(pool[cursors[donor]++ % pool.Count]);
                    }
                }
                var text = string.Join(' ', body);
                var article = new ScaleArticle(
                    $"scale-{n:D7}",
                    real[lead].Title,
                    s_firstDate.AddDays(random.Next(DateSpanDays)).AddMinutes(random.Next(24 * 60)).ToString("yyyy-MM-ddTHH:mm:ss"),
                    real[lead].Source,
                    null,
                    text);
                output.WriteLine(JsonSerializer.Serialize(article));
                estimated += PassageSplitter.Split(text).Count;
                written++;
            }
        }
        return (written, realUsed, estimated);
    }

    private static IEnumerable<ScaleArticle> Read(string file)
    {
        foreach (var line in File.ReadLines(file))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var body = root.TryGetProperty("body", out var b) ? b.GetString() ?? string.Empty : string.Empty;
            if (body.Length == 0)
            {
                continue;
            }
            yield return new ScaleArticle(
                root.GetProperty("id").GetString()!,
                root.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty,
                root.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                root.TryGetProperty("source", out var s) ? s.GetString() ?? string.Empty : string.Empty,
                root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null,
                body);
        }
    }

    /// <summary>Sentences of a body, its hard wraps undone: split after ., ! or ? before a capital or a quote.</summary>
    internal static List<string> Sentences(string body) =>
        [.. SentenceEnd().Split(Whitespace().Replace(body, " ")).Select(s => s.Trim()).Where(s => s.Length >= 20)];

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

internal sealed record ScaleArticle(
    [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("title")] string Title,
    [property: System.Text.Json.Serialization.JsonPropertyName("date")] string? Date,
    [property: System.Text.Json.Serialization.JsonPropertyName("source")] string Source,
    [property: System.Text.Json.Serialization.JsonPropertyName("url")] string? Url,
    [property: System.Text.Json.Serialization.JsonPropertyName("body")] string Body);
