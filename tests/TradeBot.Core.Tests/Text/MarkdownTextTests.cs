using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Text;

public sealed class MarkdownTextTests
{
    public static TheoryData<string> HostileTexts => new()
    {
        "China answered [5] within hours",
        "Look ![pixel](https://evil.example/p.png) here",
        "[click here](javascript:alert(1)) for details",
        "Officials <img src=x onerror=alert(1)> said <b>no</b>",
        "A title\n[2]: javascript:alert(1)",
        "Line one\r\n# Heading\n- item\n> quote",
        "**bold** _em_ `code` ~~gone~~",
        "1. first point",
        "- a list",
        "<https://evil.example/auto>",
        "&lt;script&gt; and &#91;5&#93;",
        "a backslash \\[1] before a marker",
        "[1]: https://evil.example \"forged\"",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Escape_HostileText_RendersAsThatTextWithNoSyntax(string text)
    {
        var escaped = MarkdownText.Escape(text);
        var document = Markdown.Parse(escaped);

        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(document));
        Assert.All(paragraph.Inline!.Descendants(), inline => Assert.True(inline is LiteralInline, $"{inline.GetType().Name} in '{escaped}'"));
        Assert.Equal(string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)), Markdown.ToPlainText(escaped).TrimEnd('\n'));
    }

    [Fact]
    public void Escape_MarkerInArticleText_IsNotAMarkerTheChannelsFind()
    {
        var escaped = MarkdownText.Escape("rose to 15% [5][6]");

        Assert.DoesNotContain("[5]", escaped, StringComparison.Ordinal);
        Assert.DoesNotContain("[6]", escaped, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkDestination_ParenthesesAndBrackets_CannotAddLinkText()
    {
        var url = WebLinks.Normalize("https://news.example/a)b](javascript:alert(1))")!;

        var document = Markdown.Parse($"[Title]({MarkdownText.LinkDestination(url)}) \"{MarkdownText.LinkTitle("Say \"hi\" [1]")}\"");

        var link = Assert.Single(document.Descendants<LinkInline>());
        Assert.StartsWith("https://news.example/a%29b%5D%28javascript:alert%281%29%29", link.Url, StringComparison.Ordinal);
        Assert.Equal("Title", Assert.IsType<LiteralInline>(Assert.Single(link)).Content.ToString());
    }
}
