namespace TradeBot.Core.Answers;

/// <summary>A source cited by an answer as <c>[Number]</c>; <see cref="Quote"/> is text that stands in the article.</summary>
public sealed record Citation(
    int Number,
    string ArticleId,
    string Title,
    string Source,
    DateTimeOffset? Published,
    string? Url,
    string Quote)
{
    private const int DisplayTitleLength = 80;

    /// <summary>The headline, or for an article without one the start of the quote, marked as such (never an invented title).</summary>
    public string DisplayTitle =>
        Title.Length > 0 ? Title
        : Quote.Length <= DisplayTitleLength ? $"“{Quote}”"
        : $"“{Quote[..DisplayTitleLength].TrimEnd()}…”";
}
