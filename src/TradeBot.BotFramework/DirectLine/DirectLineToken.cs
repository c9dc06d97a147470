namespace TradeBot.BotFramework.DirectLine;

/// <summary>What a valid self-hosted token grants: one conversation, as one user, until it expires.</summary>
internal sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset ExpiresAt);
