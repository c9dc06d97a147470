namespace TradeBot.WebChat;

/// <summary>What the chat page shows above the conversation: the corpus and questions to start with.</summary>
internal sealed record WebChatInfo(int ArticleCount, DateTimeOffset? Earliest, DateTimeOffset? Latest, IReadOnlyList<string> ExampleQuestions);
