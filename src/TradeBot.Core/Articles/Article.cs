namespace TradeBot.Core.Articles;

/// <summary>A cleaned news article, ready to be split into passages.</summary>
/// <param name="Id">Stable identifier: the JSONL/feed id, or derived from the file path relative to the corpus root.</param>
/// <param name="Title">Headline; empty when the source gives none.</param>
/// <param name="Source">Outlet name; empty when unknown. Never invented.</param>
/// <param name="Url">Link to the original; null when unknown.</param>
/// <param name="Published">Publication date; null when unknown.</param>
/// <param name="Body">Clean body text, paragraphs separated by a blank line.</param>
/// <param name="Origin">Where the article came from (file path), used to remove articles that left a synced folder.</param>
public sealed record Article(
    string Id,
    string Title,
    string Source,
    string? Url,
    DateTimeOffset? Published,
    string Body,
    string Origin);
