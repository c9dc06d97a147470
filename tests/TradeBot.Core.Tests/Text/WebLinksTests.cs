using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Text;

public sealed class WebLinksTests
{
    [Theory]
    [InlineData("https://news.example.com/eu-duties")]
    [InlineData("http://news.example.com/a?b=c#d")]
    [InlineData("HTTPS://News.Example.com/Path")]
    public void Normalize_AbsoluteWebAddress_IsKept(string url) => Assert.Equal(url, WebLinks.Normalize("  " + url + "\n"));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("https://news.example.com/a\n[2]: javascript:alert(1)")]
    [InlineData("https://news.example.com/a b")]
    [InlineData("/relative/path")]
    [InlineData("//evil.example/x")]
    [InlineData("ftp://files.example.com/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https:evil.example")]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_AnythingElse_IsDropped(string? url) => Assert.Null(WebLinks.Normalize(url));
}
