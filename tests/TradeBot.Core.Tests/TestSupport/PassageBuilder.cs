using TradeBot.Core.Embeddings;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>Builds a <see cref="PassageRecord"/> with a real embedding of its text by the built-in embedder.</summary>
internal sealed class PassageBuilder
{
    private static readonly HashingEmbeddingGenerator s_embedder = new();

    private string _articleId = "article";
    private int _ordinal;
    private string _text = "Some passage text.";
    private string _source = string.Empty;
    private DateTimeOffset? _published;

    public static PassageBuilder Passage(string articleId, int ordinal = 0) => new() { _articleId = articleId, _ordinal = ordinal };

    public PassageBuilder WithText(string text)
    {
        _text = text;
        return this;
    }

    public PassageBuilder From(string source)
    {
        _source = source;
        return this;
    }

    public PassageBuilder PublishedOn(int year, int month, int day)
    {
        _published = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        return this;
    }

    public PassageRecord Build() => new()
    {
        Id = PassageIds.For(_articleId, _ordinal),
        ArticleId = _articleId,
        Ordinal = _ordinal,
        Text = _text,
        Title = $"Title of {_articleId}",
        Source = _source,
        Url = null,
        Published = _published,
        StoryId = _articleId,
        Embedding = s_embedder.Embed(_text),
    };

    public static float[] Embed(string text) => s_embedder.Embed(text);
}
