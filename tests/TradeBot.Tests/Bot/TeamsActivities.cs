using System.Text.Json;
using TradeBot.BotFramework.Schema;

namespace TradeBot.Tests.Bot;

/// <summary>Teams-shaped inbound activities for the bot tests.</summary>
internal static class TeamsActivities
{
    public static Activity InChannel(Activity activity, bool mentionBot)
    {
        activity.Conversation = new ConversationAccount { Id = "19:general@thread.tacv2;messageid=42", ConversationType = "channel", IsGroup = true };
        if (mentionBot)
        {
            activity.Text = $"<at>TradeBot</at> {activity.Text}";
            activity.Entities =
            [
                JsonSerializer.SerializeToElement(new { type = "mention", text = "<at>TradeBot</at>", mentioned = new { id = "28:bot", name = "TradeBot" } })
                    .Deserialize<Entity>(ActivitySerializer.Options)!,
            ];
        }

        return activity;
    }

    public static Activity Feedback(Activity template, string reaction, string? comment, string ratedActivityId)
    {
        template.Type = ActivityTypes.Invoke;
        template.Name = "message/submitAction";
        template.ReplyToId = ratedActivityId;
        var feedback = comment is null ? null : JsonSerializer.Serialize(new { feedbackText = comment });
        template.Value = JsonSerializer.SerializeToElement(new { actionName = "feedback", actionValue = new { reaction, feedback } });
        return template;
    }
}
