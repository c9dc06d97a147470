using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.WebChat;

/// <summary>
/// The root <c>https://schema.org/Message</c> entity in the form Bot Framework Web Chat (4.16 and later) reads: each
/// <c>Claim</c> is matched to the reference definition <c>[position]: cite:…</c> in the text, and its
/// <c>appearance</c> (a <c>DigitalDocument</c>) fills the citation dialog. Web Chat opens the dialog only when the
/// appearance has no <c>url</c> (with one it opens the link instead) and renders <c>appearance.text</c> as Markdown
/// without checking for it, so the text is always set and a link to the article belongs in it.
/// </summary>
public static class WebChatMessageEntity
{
    public const int MaxCitations = 20;
    private const int MaxNameLength = 200;
    private const int MaxAbstractLength = 300;

    public static Entity Create(IEnumerable<WebChatCitation> citations, bool aiGenerated = true)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var claims = citations.Take(MaxCitations).Select(c => new Dictionary<string, object?>
        {
            ["@type"] = "Claim",
            ["position"] = c.Position,
            ["appearance"] = new Dictionary<string, object?>
            {
                ["@type"] = "DigitalDocument",
                ["name"] = Truncate(c.Name, MaxNameLength),
                ["abstract"] = Truncate(c.Abstract, MaxAbstractLength),
                ["text"] = c.Text,
                ["encodingFormat"] = "text/markdown",
            },
        }).ToArray();
        var entity = new Dictionary<string, object?>
        {
            ["type"] = Teams.AIMessageEntity.EntityType,
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = string.Empty,
        };
        if (aiGenerated)
        {
            entity["additionalType"] = new[] { "AIGeneratedContent" };
        }
        if (claims.Length > 0)
        {
            entity["citation"] = claims;
        }

        return Entity.From(entity);
    }

    private static string Truncate(string value, int max) =>
        value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
