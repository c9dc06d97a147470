using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Text;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Split_OrdinarySentences_SplitsAtEachEnd()
    {
        var sentences = Texts("Tariffs rose on Monday. Markets fell sharply! Will talks resume? Nobody knows.");

        Assert.Equal(["Tariffs rose on Monday.", "Markets fell sharply!", "Will talks resume?", "Nobody knows."], sentences);
    }

    [Fact]
    public void Split_DottedAbbreviationUS_StaysInOneSentence()
    {
        var sentences = Texts("The U.S. Treasury issued a statement. China replied on Friday.");

        Assert.Equal(["The U.S. Treasury issued a statement.", "China replied on Friday."], sentences);
    }

    [Fact]
    public void Split_AbbreviationEndingAParagraph_SplitsAtTheParagraphBreak()
    {
        var sentences = Texts("Beijing wants a deal with the U.S.\n\n“I am confident,” he said.");

        Assert.Equal(["Beijing wants a deal with the U.S.", "“I am confident,” he said."], sentences);
    }

    [Fact]
    public void Split_TitleMr_StaysInOneSentence()
    {
        var sentences = Texts("Mr. Bessent spoke to reporters. He was upbeat.");

        Assert.Equal(["Mr. Bessent spoke to reporters.", "He was upbeat."], sentences);
    }

    [Fact]
    public void Split_Initial_StaysInOneSentence()
    {
        var sentences = Texts("John F. Kennedy cut tariffs in 1962. Trade grew.");

        Assert.Equal(["John F. Kennedy cut tariffs in 1962.", "Trade grew."], sentences);
    }

    [Fact]
    public void Split_ClosingQuoteAfterPeriod_BelongsToTheSentence()
    {
        var sentences = Texts("He said “talks would not work.” The ministry agreed.");

        Assert.Equal(["He said “talks would not work.”", "The ministry agreed."], sentences);
    }

    [Fact]
    public void Split_DecimalNumber_IsNotASentenceEnd()
    {
        var sentences = Texts("Growth was 2.5 percent last year. It may slow.");

        Assert.Equal(["Growth was 2.5 percent last year.", "It may slow."], sentences);
    }

    [Fact]
    public void Split_ParagraphBreak_EndsASentenceWithoutPunctuation()
    {
        var sentences = Texts("A headline without a period\n\nThe body starts here.");

        Assert.Equal(["A headline without a period", "The body starts here."], sentences);
    }

    [Fact]
    public void Split_AnyText_SpansAreVerbatimSubstrings()
    {
        const string text = "  The U.S. said so.  Mr. Li disagreed!\n\n“Never,” he said. 145% tariffs remain.  ";

        foreach (var sentence in SentenceSplitter.Split(text))
        {
            Assert.Equal(text.Substring(sentence.Start, sentence.Length), sentence.Text);
            Assert.Equal(sentence.Text.Trim(), sentence.Text);
        }
    }

    [Fact]
    public void Split_EmptyOrPunctuationOnly_GivesNothing()
    {
        Assert.Empty(SentenceSplitter.Split(string.Empty));
        Assert.Empty(SentenceSplitter.Split("  \n\n - - \n"));
    }

    private static List<string> Texts(string text) => [.. SentenceSplitter.Split(text).Select(s => s.Text)];
}
