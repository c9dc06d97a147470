namespace TradeBot.Core.Articles;

/// <summary>An article as a reader found it, before cleaning. Missing metadata stays null.</summary>
public sealed record RawArticle(
    string Id,
    string? Title,
    string? Source,
    string? Url,
    DateTimeOffset? Published,
    string Body,
    string Origin);
