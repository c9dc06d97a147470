namespace TradeBot.WebChat;

/// <summary>What the chat page's header says of the corpus: how many articles, from when to when.</summary>
internal sealed record WebChatInfo(int ArticleCount, DateTimeOffset? Earliest, DateTimeOffset? Latest);
