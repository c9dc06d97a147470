using System.Text.Json;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;

namespace TradeBot.BotFramework.WebChat;

/// <summary>
/// A Web Chat feedback vote: the <c>event</c> named <c>webchat:activity-status/feedback</c> that Web Chat posts when a
/// thumb of a message's <c>LikeAction</c>/<c>DislikeAction</c> is pressed, carrying the pressed action as its entity.
/// The rated answer is the action's <c>object.@id</c>; the chat page adds an optional comment as <c>value.comment</c>.
/// </summary>
public static class WebChatFeedback
{
    public const string EventName = "webchat:activity-status/feedback";
    public const string LikeAction = "LikeAction";
    public const string DislikeAction = "DislikeAction";

    /// <summary>The vote as a <see cref="FeedbackSubmission"/> (<c>like</c> or <c>dislike</c>), or null when the event is not one.</summary>
    public static FeedbackSubmission? TryRead(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!activity.IsType(ActivityTypes.Event) || !string.Equals(activity.Name, EventName, StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var entity in activity.Entities ?? [])
        {
            var reaction = entity.GetString("@type") switch
            {
                LikeAction => "like",
                DislikeAction => "dislike",
                _ => null,
            };
            if (reaction is null)
            {
                continue;
            }

            var target = entity.GetProperty("object");
            var rated = target.ValueKind == JsonValueKind.Object && target.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
            var comment = activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("comment", out var text)
                && text.ValueKind == JsonValueKind.String && text.GetString()?.Trim() is { Length: > 0 } trimmed
                    ? trimmed
                    : null;
            return new FeedbackSubmission(reaction, comment, rated);
        }

        return null;
    }
}
