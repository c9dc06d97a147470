using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Teams;

/// <summary>
/// Builds the single root <c>https://schema.org/Message</c> entity that Teams reads for the "AI generated" label and
/// the citations (Teams refuses an activity with more than one root message entity).
/// </summary>
public static class AIMessageEntity
{
    public const string EntityType = "https://schema.org/Message";
    public const int MaxCitations = 20;
    private const int MaxNameLength = 80;
    private const int MaxAbstractLength = 160;
    private const int MaxKeywordLength = 28;

    public static Entity Create(IEnumerable<MessageCitation> citations, bool aiGenerated = true)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var claims = citations.Take(MaxCitations).Select(c => Compact(new Dictionary<string, object?>
        {
            ["@type"] = "Claim",
            ["position"] = c.Position,
            ["appearance"] = Compact(new Dictionary<string, object?>
            {
                ["@type"] = "DigitalDocument",
                ["name"] = Truncate(c.Name, MaxNameLength),
                ["url"] = c.Url,
                ["abstract"] = Truncate(c.Abstract, MaxAbstractLength),
                ["keywords"] = c.Keywords.Count > 0 ? c.Keywords.Take(3).Select(k => Truncate(k, MaxKeywordLength)).ToArray() : null,
            }),
        })).ToArray();
        var entity = Compact(new Dictionary<string, object?>
        {
            ["type"] = EntityType,
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = string.Empty,
            ["additionalType"] = aiGenerated ? new[] { "AIGeneratedContent" } : null,
            ["citation"] = claims.Length > 0 ? claims : null,
        });
        return Entity.From(entity);
    }

    // Dictionaries do not honour WhenWritingNull, and Teams should not see null members.
    private static Dictionary<string, object?> Compact(Dictionary<string, object?> values) =>
        values.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value);

    private static string Truncate(string value, int max) =>
        value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
