using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace TradeBot.Core.Articles;

/// <summary>Optional YAML front matter (between "---" lines) at the top of a text or Markdown article.</summary>
internal sealed record FrontMatter(IReadOnlyDictionary<string, string> Fields, string Body)
{
    private static readonly IDeserializer s_yaml = new DeserializerBuilder().Build();

    public static FrontMatter Parse(string text)
    {
        var empty = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!text.StartsWith("---", StringComparison.Ordinal))
        {
            return new FrontMatter(empty, text);
        }
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstLineEnd < 0 || text[..firstLineEnd].Trim() != "---")
        {
            return new FrontMatter(empty, text);
        }
        var close = text.IndexOf("\n---", firstLineEnd, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new FormatException("front matter starts with '---' but is never closed");
        }
        var yaml = text[(firstLineEnd + 1)..close];
        var bodyStart = text.IndexOf('\n', close + 4);
        var body = bodyStart < 0 ? string.Empty : text[(bodyStart + 1)..];
        Dictionary<string, object?>? values;
        try
        {
            values = s_yaml.Deserialize<Dictionary<string, object?>>(yaml);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"front matter is not valid YAML: {ex.Message}", ex);
        }
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values ?? [])
        {
            if (value is string or int or long or double or bool or DateTime)
            {
                fields[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }
        return new FrontMatter(fields, body);
    }

    public string? Get(string key) =>
        Fields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
