using TradeBot.Core.Evaluation;

namespace TradeBot.Core.Tests.Evaluation;

public sealed class EvalCaseTests
{
    [Fact]
    public void Parse_CaseWithGoldArticles_ReadsEveryField()
    {
        var cases = EvalCase.Parse([
            """{"id":"rd01","turns":["How much did U.S. wine exports grow?"],"all":[["15 pct","15%"]],"cite":true,"articles":["reuters-1347","reuters-9"]}""",
            "",
            """{"id":"rd37","turns":["First?","And then?"],"refuse":true,"articles":[]}""",
        ]);

        Assert.Collection(cases,
            c =>
            {
                Assert.Equal("rd01", c.Id);
                Assert.True(c.Cite);
                Assert.False(c.Refuse);
                Assert.False(c.IsMultiTurn);
                Assert.Equal(["15 pct", "15%"], c.All![0]);
                Assert.Equal(["reuters-1347", "reuters-9"], c.Articles);
            },
            c =>
            {
                Assert.True(c.Refuse);
                Assert.True(c.IsMultiTurn);
                Assert.Null(c.All);
                Assert.Empty(c.Articles!);
            });
    }

    [Theory]
    [InlineData("""{"id":"x","turns":["q"]""")]
    [InlineData("""{"id":"x","turns":[]}""")]
    [InlineData("""{"turns":["q"]}""")]
    public void Parse_LineThatIsNoCase_ThrowsNamingTheLine(string bad)
    {
        var ex = Assert.Throws<InvalidDataException>(() => EvalCase.Parse(["""{"id":"ok","turns":["q"]}""", bad]));

        Assert.StartsWith("line 2 is not a valid case", ex.Message, StringComparison.Ordinal);
    }
}
