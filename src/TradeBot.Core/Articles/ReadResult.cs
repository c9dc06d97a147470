namespace TradeBot.Core.Articles;

/// <summary>One item a reader produced: an article, or the reason an item could not be read.</summary>
public sealed record ReadResult(RawArticle? Article, string Item, string? Error)
{
    public static ReadResult Success(RawArticle article) => new(article, article.Id, null);

    public static ReadResult Failure(string item, string error) => new(null, item, error);
}
