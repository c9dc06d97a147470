namespace TradeBot.BotFramework.WebChat;

/// <summary>
/// One cited source of a Web Chat message: the <c>[Position]</c> marker opens Web Chat's citation dialog, headed
/// <paramref name="Name"/>, with <paramref name="Text"/> (Markdown) as its body; <paramref name="Abstract"/> is the short
/// form of the passage.
/// </summary>
public sealed record WebChatCitation(int Position, string Name, string Abstract, string Text);
