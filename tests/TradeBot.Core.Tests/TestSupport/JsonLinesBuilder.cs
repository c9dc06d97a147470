using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>Builds a JSON Lines corpus file, one article a line, with room for deliberately broken lines.</summary>
internal sealed class JsonLinesBuilder
{
    private readonly List<string> _lines = [];

    public JsonLinesBuilder WithArticle(string id, string title, string body, string? source = null, string? url = null, DateTimeOffset? published = null)
    {
        var fields = new Dictionary<string, string?>
        {
            ["id"] = id,
            ["title"] = title,
            ["published"] = published?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["source"] = source,
            ["url"] = url,
            ["body"] = body,
        };
        _lines.Add(JsonSerializer.Serialize(fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value)));
        return this;
    }

    /// <summary>Articles "a0001"… each with a body of its own, long enough to be a real passage.</summary>
    public JsonLinesBuilder WithSyntheticArticles(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            WithArticle(SyntheticId(i), $"Synthetic report {i}", SyntheticBody(i));
        }
        return this;
    }

    public static string SyntheticId(int i) => $"a{i:D4}";

    public static string SyntheticBody(int i) =>
        $"Port authority number {i} reported cargo volumes for the quarter. Shipments of item {i} rose by {i % 17} percent.\n\n"
        + $"Exporters in district {i} said demand was steady. The ministry will publish final figures for district {i} later.";

    public JsonLinesBuilder WithRawLine(string line)
    {
        _lines.Add(line);
        return this;
    }

    public string Build() => string.Join('\n', _lines) + "\n";

    public byte[] BuildBytes() => Encoding.UTF8.GetBytes(Build());
}
