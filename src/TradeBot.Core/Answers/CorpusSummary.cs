namespace TradeBot.Core.Answers;

/// <summary>What the corpus holds, for greetings and page headers.</summary>
public sealed record CorpusSummary(int ArticleCount, DateTimeOffset? Earliest, DateTimeOffset? Latest, IReadOnlyList<string> ExampleQuestions);
