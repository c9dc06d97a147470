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
    /// <summary>
    /// The headline, or for an article without one a name made of what is known about the article itself (its outlet
    /// and date, "Reuters, 2 May 2025"; "Untitled article, 2 May 2025" without an outlet): the same in every answer,
    /// never taken from the quote (which differs from answer to answer) and never an invented headline. Without a date
    /// it is "Untitled Reuters article", or with nothing known the article id.
    /// </summary>
    public string DisplayTitle
    {
        get
        {
            if (Title.Length > 0)
            {
                return Title;
            }

            var outlet = Source.Length > 0 ? Source : "Untitled article";
            return Published is { } published
                ? $"{outlet}, {published.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}"
                : Source.Length > 0 ? $"Untitled {Source} article" : $"Untitled article ({ArticleId})";
        }
    }
}
