using TradeBot.Core.Answers.Llm;

namespace TradeBot.Core.Tests.Answers.Llm;

public sealed class StandaloneQueryTests
{
    [Fact]
    public void Parse_QueryAndDates_ReadsTheRangeAsWholeDays()
    {
        var query = StandaloneQuery.Parse("Query: \"China response to US tariffs\"\nfrom: 2025-04-07\nto: 2025-04-13\n");

        Assert.NotNull(query);
        Assert.Equal("China response to US tariffs", query.Text);
        Assert.Equal(new DateTimeOffset(2025, 4, 7, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2025, 4, 14, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), query.To);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n from: 2025-01-01")]
    [InlineData(null)]
    public void Parse_NoQuery_ReturnsNull(string? reply) => Assert.Null(StandaloneQuery.Parse(reply));
}
