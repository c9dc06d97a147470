using System.Linq.Expressions;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Qdrant;

namespace TradeBot.Core.Tests.Stores.Qdrant;

public sealed class QdrantFilterTranslatorTests
{
    [Fact]
    public void Translate_CapturedArticleId_IsMatchValue()
    {
        var articleId = "reuters-1";

        var json = Translate(r => r.ArticleId == articleId);

        Assert.Equal("""{ "must": [ { "field": { "key": "article_id", "match": { "keyword": "reuters-1" } } } ] }""", json);
    }

    [Fact]
    public void Translate_DateRangeAndOutlets_IsMustWithRangeAndShould()
    {
        var from = new DateTimeOffset(2025, 1, 1, 2, 0, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2025, 3, 31, 23, 59, 59, 500, TimeSpan.Zero);

        var json = Translate(r => r.Published >= from && r.Published <= to && (r.Source == "Reuters" || r.Source == "AP"));

        Assert.Equal(
            """{ "must": [ { "field": { "key": "published", "datetimeRange": { "gte": "2025-01-01T00:00:00Z" } } }, { "field": { "key": "published", "datetimeRange": { "lte": "2025-03-31T23:59:59.500Z" } } }, { "filter": { "should": [ { "field": { "key": "source", "match": { "keyword": "Reuters" } } }, { "field": { "key": "source", "match": { "keyword": "AP" } } } ] } } ] }""",
            json);
    }

    [Fact]
    public void Translate_ValueOnTheLeft_FlipsTheComparison()
    {
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("""{ "must": [ { "field": { "key": "published", "datetimeRange": { "lte": "2025-01-01T00:00:00Z" } } } ] }""", Translate(r => from >= r.Published));
    }

    [Fact]
    public void Translate_ContainsOverCapturedList_IsMatchAny()
    {
        var outlets = new List<string> { "Reuters", "AP" };

        Assert.Equal("""{ "must": [ { "field": { "key": "source", "match": { "keywords": { "strings": [ "Reuters", "AP" ] } } } } ] }""", Translate(r => outlets.Contains(r.Source)));
    }

    [Fact]
    public void Translate_NotEqualAndNot_AreMustNot()
    {
        Assert.Equal("""{ "mustNot": [ { "field": { "key": "story_id", "match": { "keyword": "s" } } } ] }""", Translate(r => r.StoryId != "s"));
        Assert.Equal("""{ "mustNot": [ { "field": { "key": "source", "match": { "keyword": "AP" } } } ] }""", Translate(r => !(r.Source == "AP")));
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

    /// <summary>The filter as protobuf JSON: exactly the message the client sends.</summary>
    private static string Translate(Expression<Func<PassageRecord, bool>> filter) => QdrantFilterTranslator.Translate(filter)!.ToString();
}
