namespace TradeBot.BotFramework.Teams;

/// <summary>One cited source of a Teams AI message: <c>[Position]</c> in the text opens a card with these fields.</summary>
public sealed record MessageCitation(int Position, string Name, string? Url, string Abstract, IReadOnlyList<string> Keywords);
