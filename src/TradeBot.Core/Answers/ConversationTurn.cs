namespace TradeBot.Core.Answers;

/// <summary>One earlier exchange of a conversation, used to understand follow-up questions.</summary>
public sealed record ConversationTurn(string Question, Answer Answer);
