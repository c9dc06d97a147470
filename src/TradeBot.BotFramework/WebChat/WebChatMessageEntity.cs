using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.WebChat;

/// <summary>
/// The root <c>https://schema.org/Message</c> entity in the form Bot Framework Web Chat (4.16 and later) reads: each
/// <c>Claim</c> is matched to the reference definition <c>[position]: cite:…</c> in the text, and its
/// <c>appearance</c> (a <c>DigitalDocument</c>) fills the citation dialog. Web Chat opens the dialog only when the
/// appearance has no <c>url</c> (with one it opens the link instead) and renders <c>appearance.text</c> as Markdown
/// without checking for it, so the text is always set and a link to the article belongs in it. Web Chat 4.18 shows
/// the first claim's <c>claimInterpreter</c> (its <c>slogan</c>) as the label beside the time, which is where the
/// AI-generated label goes, and thumbs up and down for <c>potentialAction</c> <c>LikeAction</c>/<c>DislikeAction</c>;
/// a vote comes back as <see cref="WebChatFeedback"/>, naming the answer by the actions' <c>object</c>.
/// </summary>
public static class WebChatMessageEntity
{
    public const int MaxCitations = 20;
    public const string AIGeneratedLabel = "AI-generated";
    private const int MaxNameLength = 200;
    private const int MaxAbstractLength = 300;

    /// <param name="citations">The sources, in marker order.</param>
    /// <param name="aiGenerated">Whether the message is labelled AI-generated (Web Chat shows the label on a cited answer).</param>
    /// <param name="feedbackId">When set, the message shows thumbs up and down, and the votes name this id.</param>
    public static Entity Create(IEnumerable<WebChatCitation> citations, bool aiGenerated = true, string? feedbackId = null)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var claims = citations.Take(MaxCitations).Select((c, index) =>
        {
            var claim = new Dictionary<string, object?>
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
            };
            if (aiGenerated && index == 0)
            {
                claim["claimInterpreter"] = new Dictionary<string, object?> { ["@type"] = "Project", ["slogan"] = AIGeneratedLabel };
            }
            return claim;
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
        if (feedbackId is not null)
        {
            entity["potentialAction"] = new[] { WebChatFeedback.LikeAction, WebChatFeedback.DislikeAction }
                .Select(type => new Dictionary<string, object?> { ["@type"] = type, ["object"] = new Dictionary<string, object?> { ["@id"] = feedbackId } })
                .ToArray();
        }

        return Entity.From(entity);
    }

    private static string Truncate(string value, int max) =>
        value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
