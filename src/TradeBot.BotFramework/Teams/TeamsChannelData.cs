using System.Text.Json;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Teams;

/// <summary>Outgoing Teams <c>channelData</c>.</summary>
public static class TeamsChannelData
{
    /// <summary>Turns on Teams' thumbs up/down under the message; votes arrive as <see cref="FeedbackSubmission"/>.</summary>
    public static JsonElement FeedbackLoopEnabled() =>
        JsonSerializer.SerializeToElement(new { feedbackLoopEnabled = true }, ActivitySerializer.Options);
}
