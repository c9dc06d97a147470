using System.Linq.Expressions;
using System.Text.Json;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.Stores.Qdrant.Support;

namespace TradeBot.Core.Tests.Stores.Qdrant;

public sealed class QdrantFilterTranslatorTests
{
    [Fact]
    public void Translate_CapturedArticleId_IsMatchValue()
    {
        var articleId = "reuters-1";

        var json = Translate(r => r.ArticleId == articleId);

        Assert.Equal("""{"must":[{"key":"article_id","match":{"value":"reuters-1"}}]}""", json);
    }

    [Fact]
    public void Translate_DateRangeAndOutlets_IsMustWithRangeAndShould()
    {
        var from = new DateTimeOffset(2025, 1, 1, 2, 0, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2025, 3, 31, 23, 59, 59, 500, TimeSpan.Zero);

        var json = Translate(r => r.Published >= from && r.Published <= to && (r.Source == "Reuters" || r.Source == "AP"));

        Assert.Equal(
            """{"must":[{"key":"published","range":{"gte":"2025-01-01T00:00:00Z"}},{"key":"published","range":{"lte":"2025-03-31T23:59:59.5Z"}},{"should":[{"key":"source","match":{"value":"Reuters"}},{"key":"source","match":{"value":"AP"}}]}]}""",
            json);
    }

    [Fact]
    public void Translate_ValueOnTheLeft_FlipsTheComparison()
    {
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("""{"must":[{"key":"published","range":{"lte":"2025-01-01T00:00:00Z"}}]}""", Translate(r => from >= r.Published));
    }

    [Fact]
    public void Translate_ContainsOverCapturedList_IsMatchAny()
    {
        var outlets = new List<string> { "Reuters", "AP" };

        Assert.Equal("""{"must":[{"key":"source","match":{"any":["Reuters","AP"]}}]}""", Translate(r => outlets.Contains(r.Source)));
    }

    [Fact]
    public void Translate_NotEqualAndNot_AreMustNot()
    {
        Assert.Equal("""{"must_not":[{"key":"story_id","match":{"value":"s"}}]}""", Translate(r => r.StoryId != "s"));
        Assert.Equal("""{"must_not":[{"key":"source","match":{"value":"AP"}}]}""", Translate(r => !(r.Source == "AP")));
    }

    public static TheoryData<Expression<Func<PassageRecord, bool>>> Unsupported => new()
    {
        r => r.Text.Contains("tariff"),
        r => r.Ordinal > 1,
        r => r.Published == null,
        r => r.Source.StartsWith('R'),
        r => r.ArticleId == r.StoryId,
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Translate_UnsupportedExpression_ThrowsNotSupportedNamingIt(Expression<Func<PassageRecord, bool>> filter)
    {
        var error = Assert.Throws<NotSupportedException>(() => QdrantFilterTranslator.Translate(filter));

        Assert.StartsWith("Qdrant filter:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_EveryShape_ValidatesAsSpecFilter()
    {
        var from = DateTimeOffset.UtcNow;
        string[] outlets = ["AP"];
        Expression<Func<PassageRecord, bool>>[] filters =
        [
            r => r.ArticleId == "a",
            r => r.Published > from && r.Published < from.AddDays(1),
            r => r.Source == "AP" || (r.StoryId != "x" && outlets.Contains(r.Source)),
            r => !(r.Published <= from),
        ];

        Assert.All(filters, f => Assert.Empty(QdrantOpenApi.Strict.ValidateComponent("Filter", Translate(f))));
    }

    private static string Translate(Expression<Func<PassageRecord, bool>> filter) =>
        JsonSerializer.Serialize(QdrantFilterTranslator.Translate(filter), QdrantJson.Options);
}
