using TradeBot.Core.Retrieval;

namespace TradeBot.Core.Tests.Retrieval;

public sealed class DateConstraintTests
{
    private static readonly DateTimeOffset March1987 = new(1987, 3, 12, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_MonthAndYear_IsThatMonth()
    {
        var date = DateConstraint.Find("What was Finland's trade balance in February 1987?");

        Assert.NotNull(date);
        Assert.True(date.IsMonth);
        Assert.Equal(new DateTimeOffset(1987, 2, 1, 0, 0, 0, TimeSpan.Zero), date.From);
        Assert.Equal(2, date.To.Month);
    }

    [Fact]
    public void Find_YearAlone_IsThatYearAndNoMonth()
    {
        var date = DateConstraint.Find("How much did wine exports grow in 1986?");

        Assert.NotNull(date);
        Assert.False(date.IsMonth);
        Assert.Equal(1986, date.From.Year);
    }

    [Fact]
    public void Find_NoTime_IsNull() => Assert.Null(DateConstraint.Find("What duty did Canada put on American corn?"));

    [Fact]
    public void Covers_Year_LastYearOfTheArticleCountsAsThatYear()
    {
        var date = DateConstraint.Find("in 1986")!;

        Assert.True(date.Covers(March1987, "Exports of American wine rose 14.9 per cent last year."));
        Assert.False(DateConstraint.Find("in 1987")!.Covers(March1987, "Exports of American wine rose 14.9 per cent last year."));
    }

    [Fact]
    public void Covers_UndatedTextNamingNoYear_IsNotRuledOut() =>
        Assert.True(DateConstraint.Find("in 2004")!.Covers(null, "Mexican labourers sent a record $16.6bn home last year."));

    [Fact]
    public void Covers_Month_WrittenThatMonthOrNamingIt()
    {
        var february = DateConstraint.Find("in February 1987")!;

        Assert.True(february.Covers(March1987, "Finland had a trade surplus in February, the Customs Board said."));
        Assert.False(february.Covers(new DateTimeOffset(1987, 6, 1, 0, 0, 0, TimeSpan.Zero), "Finland's trade surplus widened."));
    }

    [Fact]
    public void Contradicts_SentenceNamingAnotherMonth_ButNotOneNamingNone()
    {
        var march = DateConstraint.Find("in March 1987")!;

        Assert.True(march.Contradicts("Finland had a 641 mln markka surplus in February.", March1987));
        Assert.False(march.Contradicts("Finland had a large trade surplus.", March1987));
        Assert.False(march.Contradicts("The surplus rose in March.", March1987));
    }

    [Fact]
    public void Contradicts_MonthQuestion_SentenceNamingOnlyAnotherYear()
    {
        var march = DateConstraint.Find("in March 1987")!;

        Assert.True(march.Contradicts("The surplus doubled in 1986 compared with 1985.", March1987));
        Assert.False(march.Contradicts("The surplus for 1987 is expected to fall.", March1987));
        Assert.False(march.Contradicts("The surplus in March was larger than in March 1986.", March1987));
        Assert.False(march.Contradicts("The surplus was smaller than a year earlier.", March1987));
    }

    [Theory]
    [InlineData("October", true)]
    [InlineData("Monday", true)]
    [InlineData("Oct.", true)]
    [InlineData("Ottawa", false)]
    [InlineData("Mayor", false)]
    public void IsCalendarWord_MonthsAndWeekdaysOnly(string word, bool expected) => Assert.Equal(expected, DateConstraint.IsCalendarWord(word));

    private static readonly DateTimeOffset Newest = new(2026, 12, 1, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Find_Today_IsTheReferenceDay()
    {
        var date = DateConstraint.Find("What did Ruritania announce today?", Newest)!;

        Assert.True(date.IsRelative);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), date.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), date.To);
        Assert.True(date.Covers(Newest.AddHours(-15), "any text"));
        Assert.False(date.Covers(Newest.AddDays(-1), "any text"));
        Assert.False(date.Covers(null, "an undated article"));
    }

    [Fact]
    public void Find_ThisWeek_IsTheSevenDaysToTheReferenceDay()
    {
        var date = DateConstraint.Find("Which tariffs were raised this week?", Newest)!;

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), date.From);
        Assert.True(date.Covers(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), string.Empty));
        Assert.False(date.Covers(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero), string.Empty));
        Assert.False(date.Contradicts("Exports fell in March 2025.", Newest));
    }

    [Fact]
    public void Find_Latest_KeepsEveryDateNewestFirst()
    {
        var date = DateConstraint.Find("What is the latest on the steel dispute?", Newest)!;

        Assert.True(date.NewestFirst);
        Assert.True(date.Covers(new DateTimeOffset(1987, 3, 1, 0, 0, 0, TimeSpan.Zero), string.Empty));
        Assert.True(date.Covers(null, string.Empty));
    }

    [Fact]
    public void Find_NamedMonth_OutranksRelativeWords() =>
        Assert.False(DateConstraint.Find("What was the latest figure for March 1987?", Newest)!.IsRelative);

    [Fact]
    public void Find_RelativeWordsWithoutAReference_IsNull() => Assert.Null(DateConstraint.Find("What happened today?", null));
}
