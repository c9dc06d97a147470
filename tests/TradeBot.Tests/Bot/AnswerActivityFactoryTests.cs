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
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: channelId), s_answer);

        Assert.DoesNotContain("][", reply.Text, StringComparison.Ordinal);
        Assert.Contains("**145%** [1] [2]", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\n[1]: ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\n[2]: ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Teams_KeepsMarkersAsTheAnswerWroteThem()
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: Channels.Msteams), s_answer);

        Assert.StartsWith("**145%** [1][2]", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Channels.Msteams)]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Directline)]
    public void Create_ChannelThatRendersCitations_TextHasMarkersButNoSourcesList(string channelId)
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: channelId), s_answer);

        Assert.DoesNotContain("Sources", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeQuestionAnswerer.EvDuties.Url!, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Reuters", reply.Text, StringComparison.Ordinal);
        Assert.Contains("[1]", reply.Text, StringComparison.Ordinal);
        Assert.Equal(2, Claims(reply).Count);
    }

    [Fact]
    public void Create_Emulator_TextListsTheSources()
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: Channels.Emulator), s_answer);

        Assert.StartsWith("**145%** [1][2]", reply.Text, StringComparison.Ordinal);
        Assert.Contains("**Sources**", reply.Text, StringComparison.Ordinal);
        Assert.Contains($"1. [{FakeQuestionAnswerer.EvDuties.Title}]({FakeQuestionAnswerer.EvDuties.Url}) — Reuters, 4 Jul 2024", reply.Text, StringComparison.Ordinal);
        Assert.Contains($"2. [{FakeQuestionAnswerer.ChinaResponse.Title}]({FakeQuestionAnswerer.ChinaResponse.Url}) — Associated Press, 5 Jul 2024", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Directline)]
    public void Create_WebChat_CitationsOpenWebChatsDialogWithQuoteOutletDateAndLink(string channelId)
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: channelId), s_answer);

        // Web Chat opens its dialog for a cite: definition matched by position to a claim whose appearance has text and no url.
        Assert.Contains("\n[1]: cite:1 \"", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\n[2]: cite:2 \"", reply.Text, StringComparison.Ordinal);
        var claim = Claims(reply)[0];
        Assert.Equal("Claim", claim.GetProperty("@type").GetString());
        Assert.Equal(1, claim.GetProperty("position").GetInt32());
        var appearance = claim.GetProperty("appearance");
        Assert.Equal("DigitalDocument", appearance.GetProperty("@type").GetString());
        Assert.Equal(FakeQuestionAnswerer.EvDuties.Title, appearance.GetProperty("name").GetString());
        Assert.False(appearance.TryGetProperty("url", out _));
        Assert.StartsWith(FakeQuestionAnswerer.EvDuties.Quote[..20], appearance.GetProperty("abstract").GetString(), StringComparison.Ordinal);
        var text = appearance.GetProperty("text").GetString()!;
        Assert.StartsWith("> " + FakeQuestionAnswerer.EvDuties.Quote[..20], text, StringComparison.Ordinal);
        Assert.Contains("Reuters, 4 Jul 2024", text, StringComparison.Ordinal);
        Assert.Contains($"[Read the article]({FakeQuestionAnswerer.EvDuties.Url})", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Teams_CitationsKeepTeamsFormWithTheLink()
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: Channels.Msteams), s_answer);

        var appearance = Claims(reply)[0].GetProperty("appearance");
        Assert.Equal(FakeQuestionAnswerer.EvDuties.Url, appearance.GetProperty("url").GetString());
        Assert.Equal(["Reuters", "4 Jul 2024"], appearance.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.False(appearance.TryGetProperty("text", out _));
    }

    [Theory]
    [InlineData("", "Untitled article, 2 May 2025")]
    [InlineData("Reuters", "Reuters, 2 May 2025")]
    public void Create_UntitledArticle_HasOneNameInEveryAnswerAndChannel(string outlet, string name)
    {
        var untitled = new Citation(1, "003.txt", string.Empty, outlet, new DateTimeOffset(2025, 5, 2, 0, 0, 0, TimeSpan.Zero), null, string.Empty);
        Answer Citing(string quote) => new("Q?", true, "China may hold talks. [1]", [untitled with { Quote = quote }], []);
        var answers = new[] { Citing("China may be warming to the possibility of holding talks."), Citing("“The U.S. has recently taken the initiative,” the ministry said.") };

        var names = new List<string>();
        foreach (var answer in answers)
        {
            var teams = AnswerActivityFactory.Create(TestActivities.Message(null, "Q?", channelId: Channels.Msteams), answer);
            var webChat = AnswerActivityFactory.Create(TestActivities.Message(null, "Q?", channelId: Channels.Webchat), answer);
            var emulator = AnswerActivityFactory.Create(TestActivities.Message(null, "Q?", channelId: Channels.Emulator), answer);
            names.Add(Claims(teams)[0].GetProperty("appearance").GetProperty("name").GetString()!);
            names.Add(Claims(webChat)[0].GetProperty("appearance").GetProperty("name").GetString()!);
            Assert.Contains($"[1]: cite:1 \"{name}\"", webChat.Text, StringComparison.Ordinal);
            // The name already is the outlet and date: the list does not repeat them.
            Assert.Contains($"1. {name}\n", emulator.Text + "\n", StringComparison.Ordinal);
            Assert.DoesNotContain("“", emulator.Text!.Replace(answer.Text, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.All(names, n => Assert.Equal(name, n));
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
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: channelId), s_hostileAnswer);

        var markdown = new List<string> { reply.Text! };
        if (channelId == Channels.Webchat)
        {
            // Web Chat renders each citation dialog's text as Markdown too.
            markdown.AddRange(Claims(reply).Select(c => c.GetProperty("appearance").GetProperty("text").GetString()!));
        }
        var links = markdown.SelectMany(SafeLinks).ToList();
        Assert.All(links, url => Assert.Matches("^(https://news\\.example/|cite:)", url));
        if (channelId != Channels.Msteams)
        {
            // The source list (Emulator) or the citation dialog (Web Chat) links to the one valid address; Teams has it in the entity.
            Assert.Contains("https://news.example/%28story%29", links);
        }
        Assert.DoesNotContain("javascript", string.Join(' ', links), StringComparison.OrdinalIgnoreCase);
        // The source list links titles only to the one valid address; article text adds no markers of its own.
        Assert.DoesNotContain("[5]", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HostileArticleUrls_TeamsCitationsCarryOnlyWebLinks()
    {
        var reply = AnswerActivityFactory.Create(TestActivities.Message(null, "What tariff?", channelId: Channels.Msteams), s_hostileAnswer);

        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(reply.Entities, ActivitySerializer.Options));
        Assert.Equal(["https://news.example/(story)"], Urls(json.RootElement));
    }

    /// <summary>The links of Markdown that has no HTML, autolinks or images.</summary>
    private static List<string> SafeLinks(string markdown)
    {
        var document = Markdown.Parse(markdown);
        var inlines = document.Descendants<Inline>().ToList();
        Assert.DoesNotContain(inlines, i => i is HtmlInline or AutolinkInline || i is LinkInline { IsImage: true });
        Assert.DoesNotContain(document.Descendants<HtmlBlock>(), _ => true);
        return [.. inlines.OfType<LinkInline>().Select(l => l.Url ?? string.Empty)
            .Concat(document.Descendants<LinkReferenceDefinition>().Select(d => d.Url ?? string.Empty))];
    }

    private static List<System.Text.Json.JsonElement> Claims(Activity reply)
    {
        var entity = Assert.Single(reply.Entities!);
        var json = System.Text.Json.JsonSerializer.SerializeToElement(entity, ActivitySerializer.Options);
        return [.. json.GetProperty("citation").EnumerateArray()];
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
