using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradeBot.Bot;
using TradeBot.BotFramework.Schema;

namespace TradeBot.Tests.Bot;

/// <summary>
/// End to end with a client the project did not write: the Microsoft 365 Agents Playground, driven in headless
/// Chromium, talks to TradeBot's /api/messages on loopback. The bot host uses the fake answerer; pass the real
/// registrations to <see cref="TradeBotTestHost.StartAsync"/> to run the same tests against the real pipeline.
/// </summary>
public sealed class AgentsPlaygroundTests
{
    private const string Question = "What duties did the EU put on Chinese EVs?";

    [Theory]
    [InlineData(Channels.Msteams)]
    [InlineData(Channels.Emulator)]
    public async Task Playground_QuestionTypedInChat_ShowsAnswerWithCitations(string channelId)
    {
        await using var session = await PlaygroundSession.StartAsync(channelId, channelId);
        var (page, bot) = (session.Page, session.Bot);
        try
        {
            await Assertions.Expect(page.GetByText("1,234 articles").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

            await session.SendAsync(Question);

            await Assertions.Expect(page.GetByText("The EU imposed provisional duties", new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            if (channelId == Channels.Msteams)
            {
                // Teams lists the sources as citation cards only: no second list in the text.
                await Assertions.Expect(page.GetByText("Sources", new() { Exact = true })).ToHaveCountAsync(0);
            }
            else
            {
                var title = page.GetByRole(AriaRole.Link, new() { Name = FakeQuestionAnswerer.EvDuties.Title });
                await Assertions.Expect(title.First).ToBeVisibleAsync();
                await Assertions.Expect(title.First).ToHaveAttributeAsync("href", FakeQuestionAnswerer.EvDuties.Url!);
                await Assertions.Expect(page.GetByText(FakeQuestionAnswerer.ChinaResponse.Title).First).ToBeVisibleAsync();
            }
            Assert.Equal(Question, Assert.Single(bot.Answerer.Calls).Question);

            // The [n] markers became citation buttons whose preview card shows the quoted passage.
            var citation = page.Locator("a.fai-Citation", new() { HasTextString = "1" }).First;
            await citation.HoverAsync();
            var card = page.Locator(".fai-PreviewSurface");
            await Assertions.Expect(card.GetByText(FakeQuestionAnswerer.EvDuties.Quote[..60]).First).ToBeVisibleAsync();
            await Assertions.Expect(card.GetByText(FakeQuestionAnswerer.EvDuties.Title).First).ToBeVisibleAsync();
            if (channelId == Channels.Msteams)
            {
                // The card links to the article.
                await Assertions.Expect(card.Locator($"a[href='{FakeQuestionAnswerer.EvDuties.Url}']").First).ToBeAttachedAsync();
                await page.ScreenshotAsync(new() { Path = session.ScreenshotPath("playground-msteams-citation-card.png") });
            }

            if (channelId == Channels.Msteams)
            {
                // Teams' feedback buttons: the vote and its comment reach the feedback store.
                await page.GetByRole(AriaRole.Button, new() { Name = "Like" }).First.ClickAsync();
                var dialog = page.GetByRole(AriaRole.Dialog);
                await dialog.GetByRole(AriaRole.Textbox).FillAsync("Clear and well sourced");
                await dialog.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
                var feedback = await WaitForFeedbackAsync(bot);
                Assert.Equal(("like", "Clear and well sourced", Question), (feedback.Reaction, feedback.Comment, feedback.Question));
                await Assertions.Expect(dialog.GetByText("Thank you!")).ToBeVisibleAsync();
                await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).Last.ClickAsync();
                await Assertions.Expect(dialog).ToHaveCountAsync(0);
            }
            else
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Like" })).ToHaveCountAsync(0);
            }

            // A suggested follow-up is asked with the earlier turn as history.
            await page.GetByRole(AriaRole.Button, new() { Name = "What did China do in response?" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Paragraph).Filter(new() { HasTextString = "The EU imposed provisional duties" })).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            var followUp = bot.Answerer.Calls[^1];
            Assert.Equal("What did China do in response?", followUp.Question);
            Assert.Equal(Question, Assert.Single(followUp.History).Question);
        }
        catch
        {
            Console.WriteLine($"Playground output:\n{session.Playground.Output}");
            throw;
        }
    }

    [Fact]
    public async Task Playground_TeamsGroupChat_AnswersWhenMentionedOrAskedFromItsCard()
    {
        await using var session = await PlaygroundSession.StartAsync(Channels.Msteams, "groupchat");
        var page = session.Page;
        await Assertions.Expect(page.GetByText("1,234 articles").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByText("Group Chat", new() { Exact = true }).ClickAsync();

        await session.SendAsync("Anyone around for lunch?");
        await session.ChatBox.ClickAsync();
        await session.ChatBox.PressSequentiallyAsync("@Test");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Test Bot" }).ClickAsync();
        await session.ChatBox.PressSequentiallyAsync(" " + Question);
        await session.ChatBox.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Paragraph).Filter(new() { HasTextString = "The EU imposed provisional duties" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.Equal(Question, Assert.Single(session.Bot.Answerer.Calls).Question);

        // A follow-up button of the bot's own card needs no mention.
        await page.GetByRole(AriaRole.Button, new() { Name = "What did China do in response?" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Paragraph).Filter(new() { HasTextString = "The EU imposed provisional duties" })).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        Assert.Equal("What did China do in response?", session.Bot.Answerer.Calls[^1].Question);
    }

    private static async Task<FeedbackRecord> WaitForFeedbackAsync(TradeBotTestHost bot)
    {
        var store = bot.Services.GetRequiredService<IFeedbackStore>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var records = await store.ReadAllAsync();
            if (records.Count > 0)
            {
                return records[0];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No feedback reached the store.");
    }
}
