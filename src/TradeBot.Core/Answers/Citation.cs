namespace TradeBot.Core.Answers;

/// <summary>A source cited by an answer as <c>[Number]</c>; <see cref="Quote"/> is text that stands in the article.</summary>
public sealed record Citation(
    int Number,
    string ArticleId,
    string Title,
    string Source,
    DateTimeOffset? Published,
    string? Url,
    string Quote);
