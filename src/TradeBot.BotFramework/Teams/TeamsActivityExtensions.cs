using System.Text.Json;
using System.Text.RegularExpressions;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Teams;

/// <summary>Teams helpers on activities: @mentions and conversation scope.</summary>
public static partial class TeamsActivityExtensions
{
    /// <summary>True when the conversation is a group chat or a channel (where bots answer only when mentioned).</summary>
    public static bool IsGroupConversation(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var type = activity.Conversation?.ConversationType;
        return activity.Conversation?.IsGroup == true
            || string.Equals(type, "groupChat", StringComparison.OrdinalIgnoreCase)
            || string.Equals(type, "channel", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when a <c>mention</c> entity names the activity's recipient (the bot).</summary>
    public static bool MentionsRecipient(this Activity activity) => RecipientMentions(activity).Any();

    /// <summary>
    /// The text without the mentions of the bot (by each mention entity's <c>text</c>, else <c>&lt;at&gt;name&lt;/at&gt;</c>),
    /// with other <c>&lt;at&gt;…&lt;/at&gt;</c> tags unwrapped to their names, trimmed.
    /// </summary>
    public static string RemoveRecipientMention(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? string.Empty;
        foreach (var mention in RecipientMentions(activity))
        {
            var mentionText = mention.GetString("text");
            if (string.IsNullOrEmpty(mentionText) && mention.GetProperty("mentioned") is { ValueKind: JsonValueKind.Object } mentioned
                && mentioned.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                mentionText = $"<at>{name.GetString()}</at>";
            }

            if (!string.IsNullOrEmpty(mentionText))
            {
                text = text.Replace(mentionText, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        text = AtTag().Replace(text, match => " " + match.Groups["name"].Value + " ");
        return Whitespace().Replace(text, " ").Trim();
    }

    private static IEnumerable<Entity> RecipientMentions(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        if (activity.Entities is null || string.IsNullOrEmpty(botId))
        {
            return [];
        }

        // Entities come from the client: null entries and non-string ids are not mentions of the bot.
        return activity.Entities.Where(e => e is not null && string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase)
            && e.GetProperty("mentioned") is { ValueKind: JsonValueKind.Object } mentioned
            && mentioned.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && string.Equals(id.GetString(), botId, StringComparison.Ordinal));
    }

    [GeneratedRegex("<at[^>]*>(?<name>.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtTag();

    [GeneratedRegex("[ \\t]{2,}")]
    private static partial Regex Whitespace();
}
