using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Text;

public sealed class PrintableTextTests
{
    [Theory]
    [InlineData("plain name.txt", "plain name.txt")]
    [InlineData("evil\u001B[2Jname.txt", "evil\\x1B[2Jname.txt")]
    [InlineData("line\nforged: entry.txt", "line\\x0Aforged: entry.txt")]
    [InlineData("bell\u0007\u009B.txt", "bell\\x07\\x9B.txt")]
    [InlineData("txt.\u202Eexe", "txt.\\u202Eexe")]
    public void Escape_ControlAndReorderingCharacters_BecomeVisibleEscapes(string text, string expected) =>
        Assert.Equal(expected, PrintableText.Escape(text));

    [Fact]
    public void Escape_KeepingLineBreaks_EscapesOnlyTheOthers() =>
        Assert.Equal("one\ntwo\\x1B]0;title\\x07", PrintableText.Escape("one\ntwo\u001B]0;title\u0007", keepLineBreaks: true));
}
