using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using TradeBot.Bot;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.Core.Answers;

namespace TradeBot.Tests.Bot;

public sealed class AnswerActivityFactoryTests
{
    private static readonly Answer s_answer = new(
        "What tariff?",
        true,
        "**145%** [1][2]\n\nTrump slapped a 145 percent tariff on Chinese imports. [1][2]",
        [FakeQuestionAnswerer.EvDuties with { Number = 1 }, FakeQuestionAnswerer.ChinaResponse with { Number = 2 }],
        []);

    [Theory]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Directline)]
    public void Create_WebChatWithAdjacentMarkers_KeepsEachMarkerItsOwnLink(string channelId)
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: channelId), s_answer)[0];

        Assert.DoesNotContain("][", reply.Text, StringComparison.Ordinal);
        Assert.Contains("**145%** [1] [2]", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\n[1]: ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\n[2]: ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Teams_KeepsMarkersAsTheAnswerWroteThem()
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: Channels.Msteams), s_answer)[0];

        Assert.StartsWith("**145%** [1][2]", reply.Text, StringComparison.Ordinal);
    }

    private static readonly Answer s_hostileAnswer = new(
        "What tariff?",
        true,
        "Duties rose. [1][2]",
        [
            new Citation(1, "a", "Duties)](javascript:alert(1)) <b>bold</b>\n[2]: javascript:alert(2)", "<img src=x onerror=alert(3)>",
                null, "javascript:alert(4)", "Duties rose."),
            new Citation(2, "b", "Second [5] ![img](https://evil.example/i.png)", "Outlet", null,
                "https://news.example/a)b\n[3]: data:text/html,x", "Duties rose."),
            new Citation(3, "c", "Third", "Outlet", null, "https://news.example/(story)", "Duties rose."),
        ],
        []);

    [Theory]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Msteams)]
    [InlineData(Channels.Emulator)]
    public void Create_HostileArticleMetadata_OnlyWebLinksAndNoMarkup(string channelId)
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: channelId), s_hostileAnswer)[0];

        var document = Markdown.Parse(reply.Text!);
        var inlines = document.Descendants<Inline>().ToList();
        Assert.DoesNotContain(inlines, i => i is HtmlInline or AutolinkInline || i is LinkInline { IsImage: true });
        Assert.DoesNotContain(document.Descendants<HtmlBlock>(), _ => true);
        var links = inlines.OfType<LinkInline>().Select(l => l.Url ?? string.Empty)
            .Concat(document.Descendants<LinkReferenceDefinition>().Select(d => d.Url ?? string.Empty)).ToList();
        Assert.All(links, url => Assert.Matches("^(https://news\\.example/|cite:)", url));
        Assert.Contains("https://news.example/%28story%29", links);
        Assert.DoesNotContain("javascript", string.Join(' ', links), StringComparison.OrdinalIgnoreCase);
        // The source list links titles only to the one valid address; article text adds no markers of its own.
        Assert.DoesNotContain("[5]", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HostileArticleUrls_TeamsCitationsCarryOnlyWebLinks()
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: Channels.Msteams), s_hostileAnswer)[0];

        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(reply.Entities, ActivitySerializer.Options));
        Assert.Equal(["https://news.example/(story)"], Urls(json.RootElement));
    }

    /// <summary>Every "url" in a JSON tree (the titles may still say "javascript:" as text).</summary>
    private static List<string> Urls(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => [.. element.EnumerateObject().SelectMany(p =>
            p.Name == "url" && p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? [p.Value.GetString()!] : Urls(p.Value))],
        System.Text.Json.JsonValueKind.Array => [.. element.EnumerateArray().SelectMany(Urls)],
        _ => [],
    };
}
