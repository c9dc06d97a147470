using System.Linq.Expressions;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;

namespace TradeBot.Core.Tests.Stores.Embedded;

public sealed class SqlFilterTranslatorTests
{
    [Fact]
    public void Translate_NoFilter_MatchesEverything()
    {
        var (sql, parameters) = SqlFilterTranslator.Translate(null);

        Assert.Equal("1=1", sql);
        Assert.Empty(parameters);
    }

    [Fact]
    public void Translate_ArticleIdEquals_IsParameterisedEquality()
    {
        var id = "a'; DROP TABLE passages; --";

        var (sql, parameters) = Translate(r => r.ArticleId == id);

        Assert.Equal("p.article_id = $f0", sql);
        Assert.Equal(id, Assert.Single(parameters).Value);
    }

    [Fact]
    public void Translate_PublishedRange_ComparesUnixMilliseconds()
    {
        var from = new DateTimeOffset(2025, 5, 2, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddDays(1);

        var (sql, parameters) = Translate(r => r.Published >= from && r.Published <= to);

        Assert.Equal("(p.published >= $f0 AND p.published <= $f1)", sql);
        Assert.Equal([from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()], parameters.Select(p => p.Value));
    }

    [Fact]
    public void Translate_ConstantOnTheLeft_FlipsTheComparison()
    {
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var (sql, _) = Translate(r => from <= r.Published);

        Assert.Equal("p.published >= $f0", sql);
    }

    [Fact]
    public void Translate_ListContainsSource_IsInList()
    {
        var outlets = new List<string> { "Reuters", "AP" };

        var (sql, parameters) = Translate(r => outlets.Contains(r.Source));

        Assert.Equal("p.source IN ($f0, $f1)", sql);
        Assert.Equal(["Reuters", "AP"], parameters.Select(p => p.Value));
    }

    [Fact]
    public void Translate_ArrayContainsSource_IsInList()
    {
        string[] outlets = ["Reuters"];

        var (sql, _) = Translate(r => outlets.Contains(r.Source));

        Assert.Equal("p.source IN ($f0)", sql);
    }

    [Fact]
    public void Translate_EqualsNull_IsIsNull()
    {
        DateTimeOffset? none = null;

        Assert.Equal("p.published IS NULL", Translate(r => r.Published == none).Sql);
        Assert.Equal("p.published IS NOT NULL", Translate(r => r.Published != none).Sql);
        Assert.Equal("p.published IS NOT NULL", Translate(r => r.Published.HasValue).Sql);
    }

    [Fact]
    public void Translate_UnknownField_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => Translate(r => r.Text == "x"));
        Assert.Throws<NotSupportedException>(() => Translate(r => r.Text.StartsWith('x')));
    }

    private static (string Sql, IReadOnlyList<Microsoft.Data.Sqlite.SqliteParameter> Parameters) Translate(Expression<Func<PassageRecord, bool>> filter) =>
        SqlFilterTranslator.Translate(filter);
}
