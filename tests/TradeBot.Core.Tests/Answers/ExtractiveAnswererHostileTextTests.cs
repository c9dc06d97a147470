using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Answers;

/// <summary>Article text that looks like Markdown or HTML goes into the answer as text: it cannot add markers, links, images or markup.</summary>
public sealed partial class ExtractiveAnswererHostileTextTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task AnswerAsync_SentencesWithMarkdownAndHtml_QuotedAsTextWithOnlyTheAnswerersMarkers()
    {
        _temp.WriteText("corpus/hostile.txt", ArticleFileBuilder.Article()
            .WithTitle("Ruritania bicycle duties")
            .WithParagraph("Ruritania put new duties on imported bicycles [5], officials said ![pixel](https://evil.example/p.png) on Monday.")
            .WithParagraph("The duties on imported bicycles in Ruritania <img src=x onerror=alert(1)> anger **importers** [click](javascript:alert(2)).")
            .Build());
        using var host = new CorpusHost(_temp.Path);
        await host.Synchronizer.SyncAsync([_temp.Combine("corpus")]);

        var answer = await host.AskAsync("Did Ruritania put duties on imported bicycles?");

        Assert.True(answer.Answered);
        Assert.Equal(["[1]"], Markers().Matches(answer.Text).Select(m => m.Value).Distinct());
        var inlines = Markdown.Parse(answer.Text).Descendants<Inline>().ToList();
        Assert.DoesNotContain(inlines, i => i is LinkInline or HtmlInline or AutolinkInline or CodeInline);
        Assert.Contains("[5]", Markdown.ToPlainText(answer.Text), StringComparison.Ordinal); // still shown, as text
    }

    public void Dispose() => _temp.Dispose();

    // A marker is "[n]" not preceded by a backslash (an escaped bracket is text).
    [GeneratedRegex(@"(?<!\\)\[\d+\]")]
    private static partial Regex Markers();
}
