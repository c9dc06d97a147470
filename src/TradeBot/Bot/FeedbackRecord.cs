namespace TradeBot.Bot;

/// <summary>One thumbs-up or thumbs-down on an answer, with the user's comment when there is one.</summary>
internal sealed record FeedbackRecord(
    DateTimeOffset Timestamp,
    string ChannelId,
    string ConversationId,
    string? UserId,
    string? RatedActivityId,
    string Reaction,
    string? Comment,
    string? Question);
