using System.Text.Json;
using TradeBot.BotFramework.Schema;

namespace TradeBot.Bot;

/// <summary>What the bot's turns read off an activity the same way: the conversation's key and a submitted question.</summary>
internal static class TurnValues
{
    /// <summary>The key of the conversation's memory, welcome and feedback limit: channel and conversation id.</summary>
    public static string ConversationKey(Activity activity) => $"{activity.ChannelId}|{activity.Conversation?.Id}";

    /// <summary>The trimmed <c>question</c> of a card action's or suggested action's value, or null when it has none.</summary>
    public static string? QuestionFrom(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty("question", out var question)
            && question.ValueKind == JsonValueKind.String && question.GetString()?.Trim() is { Length: > 0 } text
            ? text
            : null;
}
