using TradeBot.Core.Stores;

namespace TradeBot.Core.Tests.Stores;

/// <summary>Builds passages for store tests: deterministic ids, embeddings from <see cref="TestEmbeddings"/>.</summary>
internal static class Passages
{
    public static PassageRecord Create(string articleId, int ordinal, string text, string source = "Reuters", DateTimeOffset? published = null, string? title = null) => new()
    {
        Id = PassageIds.For(articleId, ordinal),
        ArticleId = articleId,
        Ordinal = ordinal,
        Text = text,
        Title = title ?? $"Title of {articleId}",
        Source = source,
        Url = $"https://news.example/{articleId}",
        Published = published ?? new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        StoryId = articleId,
        Embedding = TestEmbeddings.Embed(text),
    };
}
