using System.Text.Json;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Teams;

/// <summary>
/// A Teams feedback vote: the <c>message/submitAction</c> invoke with <c>actionName: feedback</c>. The rated message
/// is the invoke's <c>replyToId</c>; the comment arrives as a JSON string inside <c>actionValue.feedback</c>.
/// </summary>
public sealed record FeedbackSubmission(string Reaction, string? Comment, string? RatedActivityId)
{
    public const string InvokeName = "message/submitAction";

    /// <summary>Reads the feedback of an invoke, or null when the invoke is not a feedback submission.</summary>
    public static FeedbackSubmission? TryRead(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!activity.IsType(ActivityTypes.Invoke) || !string.Equals(activity.Name, InvokeName, StringComparison.Ordinal)
            || activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("actionName", out var actionName) || StringOrNull(actionName) != "feedback"
            || !value.TryGetProperty("actionValue", out var actionValue) || actionValue.ValueKind != JsonValueKind.Object
            || !actionValue.TryGetProperty("reaction", out var reaction) || reaction.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new FeedbackSubmission(reaction.GetString()!, ReadComment(actionValue), activity.ReplyToId);
    }

    private static string? ReadComment(JsonElement actionValue)
    {
        if (!actionValue.TryGetProperty("feedback", out var feedback))
        {
            return null;
        }

        if (feedback.ValueKind == JsonValueKind.Object)
        {
            return feedback.TryGetProperty("feedbackText", out var inner) ? StringOrNull(inner) : null;
        }

        if (feedback.ValueKind != JsonValueKind.String || feedback.GetString() is not { Length: > 0 } raw)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("feedbackText", out var text)
                ? StringOrNull(text)
                : raw;
        }
        catch (JsonException)
        {
            return raw;
        }
    }

    /// <summary>The string, or null for any other JSON kind (a client may send numbers or objects where strings belong).</summary>
    private static string? StringOrNull(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() : null;
}
