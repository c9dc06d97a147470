using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradeBot.Tests.Bot;

namespace TradeBot.Tests.WebChat;

/// <summary>The chat page in headless Chromium against the real pipeline: Web Chat over the self-hosted Direct Line.</summary>
[Collection(WebChatCollection.Name)]
public sealed class WebChatPageTests(WebChatServerFixture fixture)
{
    private const string Question = "What tariff did the US impose on Chinese imports?";
    private const int Timeout = 45_000;

    private WebChatServer Server => fixture.Server;

    [Theory]
    [InlineData("")]
    [InlineData("?transport=polling")]
    public async Task Page_Question_ShowsCitedAnswerAndSuggestedActionsWork(string query)
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);
            await page.GotoAsync(new Uri(Server.Address, "/" + query).ToString());

            await Assertions.Expect(page.Locator("#corpus-summary")).ToContainTextAsync("news articles", new() { Timeout = Timeout });
            await Assertions.Expect(page.Locator(".webchat__suggested-action")).ToHaveCountAsync(3, new() { Timeout = Timeout });
            // The bot's greeting arrives over Direct Line.
            await Assertions.Expect(page.GetByText(TradeBot.Bot.WelcomeMessage.ExamplesPrompt).First).ToBeVisibleAsync(new() { Timeout = Timeout });

            await AskAsync(page, Question);
            var answer = BotBubbles(page).Filter(new() { HasTextString = "145%" }).First;
            await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = Timeout });

            // The [1] marker is rendered by Web Chat as a citation button (from the reference definition), not as text,
            // and the sources are Web Chat's own references list, not a second list in the text.
            var citation = answer.Locator("button.webchat__render-markdown__citation", new() { HasTextString = "1" }).First;
            await Assertions.Expect(citation).ToBeVisibleAsync();
            var answerText = await answer.InnerTextAsync();
            Assert.DoesNotContain("[1]: cite:", answerText, StringComparison.Ordinal);
            Assert.DoesNotContain("Sources", answerText, StringComparison.Ordinal);

            // Clicking it opens Web Chat's citation dialog with the quoted passage; the chat stays alive.
            await citation.ClickAsync();
            var dialog = CitationDialog(page);
            await Assertions.Expect(dialog).ToBeVisibleAsync(new() { Timeout = Timeout });
            await Assertions.Expect(dialog.Locator(".webchat__citation-modal-dialog__header")).Not.ToBeEmptyAsync();
            await Assertions.Expect(dialog.Locator("blockquote")).ToContainTextAsync("145");
            if (query.Length == 0)
            {
                await page.ScreenshotAsync(new() { Path = ScreenshotPath("webchat-citation-dialog.png") });
            }
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(dialog).ToBeHiddenAsync();
            Assert.Empty(pageErrors);

            // A suggested follow-up asks its question.
            var suggestion = page.Locator(".webchat__suggested-action").First;
            await Assertions.Expect(suggestion).ToBeVisibleAsync(new() { Timeout = Timeout });
            var suggested = (await suggestion.InnerTextAsync()).Trim();
            await suggestion.ClickAsync();
            await Assertions.Expect(UserBubbles(page).Filter(new() { HasTextString = suggested })).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await Assertions.Expect(page.Locator(".webchat__send-failed, [class*='send-failed']")).ToHaveCountAsync(0);
            Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Page_QuestionAboutLinkedArticle_SourceLinksToTheArticle()
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(Server.Address.ToString());
            await Assertions.Expect(page.GetByText(TradeBot.Bot.WelcomeMessage.ExamplesPrompt).First).ToBeVisibleAsync(new() { Timeout = Timeout });

            await AskAsync(page, "How long did the EU extend its steel safeguard quotas?");

            var answer = BotBubbles(page).Filter(new() { HasTextString = "two more years" }).First;
            await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = Timeout });
            // The marker opens the citation dialog (not the article), and the dialog links to the article.
            await answer.Locator("button.webchat__render-markdown__citation", new() { HasTextString = "1" }).First.ClickAsync();
            var dialog = CitationDialog(page);
            await Assertions.Expect(dialog.Locator(".webchat__citation-modal-dialog__header")).ToHaveTextAsync("EU extends steel safeguard quotas for two more years", new() { Timeout = Timeout });
            await Assertions.Expect(dialog.GetByText("Test Wire", new() { Exact = false }).First).ToBeVisibleAsync();
            var source = dialog.GetByRole(AriaRole.Link, new() { Name = "Read the article" }).First;
            await Assertions.Expect(source).ToHaveAttributeAsync("href", WebChatServer.LinkedArticleUrl);
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("webchat-citation-dialog-linked.png") });
        }
    }

    [Fact]
    public async Task Page_TwoContexts_KeepSeparateConversationsAndReloadResumes()
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            await using var first = await browser.NewContextAsync();
            await using var second = await browser.NewContextAsync();
            var alice = await first.NewPageAsync();
            var bob = await second.NewPageAsync();
            await alice.GotoAsync(Server.Address.ToString());
            await bob.GotoAsync(Server.Address.ToString());

            await AskAsync(alice, Question);
            await Assertions.Expect(BotBubbles(alice).Filter(new() { HasTextString = "145%" }).First).ToBeVisibleAsync(new() { Timeout = Timeout });
            const string bobQuestion = "How did China respond to the tariffs?";
            await AskAsync(bob, bobQuestion);
            await Assertions.Expect(UserBubbles(bob).Filter(new() { HasTextString = bobQuestion })).ToHaveCountAsync(1, new() { Timeout = Timeout });

            var aliceConversation = await alice.Locator("#conversation-id").InnerTextAsync();
            var bobConversation = await bob.Locator("#conversation-id").InnerTextAsync();
            Assert.NotEqual(aliceConversation, bobConversation);
            await Assertions.Expect(UserBubbles(bob).Filter(new() { HasTextString = Question })).ToHaveCountAsync(0);
            await Assertions.Expect(UserBubbles(alice).Filter(new() { HasTextString = bobQuestion })).ToHaveCountAsync(0);

            await alice.ReloadAsync();
            await Assertions.Expect(UserBubbles(alice).Filter(new() { HasTextString = Question })).ToHaveCountAsync(1, new() { Timeout = Timeout });
            await Assertions.Expect(BotBubbles(alice).Filter(new() { HasTextString = "145%" }).First).ToBeVisibleAsync(new() { Timeout = Timeout });
            Assert.Equal(aliceConversation, await alice.Locator("#conversation-id").InnerTextAsync());
        }
    }

    [Fact]
    public async Task Page_Answer_IsTheOnlyBubbleAfterTheQuestionWithAILabelAndAStoredVote()
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);
            await page.GotoAsync(Server.Address.ToString());
            await Assertions.Expect(page.GetByText(TradeBot.Bot.WelcomeMessage.ExamplesPrompt).First).ToBeVisibleAsync(new() { Timeout = Timeout });
            // One welcome bubble; its examples are Web Chat's suggested actions, not repeated in a header.
            await Assertions.Expect(BotBubbles(page)).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("webchat-welcome-desktop.png") });

            await AskAsync(page, Question);
            var answer = BotBubbles(page).Filter(new() { HasTextString = "145%" }).First;
            await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = Timeout });
            // Nothing but the answer follows the question: no "Searching the news…" bubble, no follow-up bubble.
            await Assertions.Expect(BotBubbles(page)).ToHaveCountAsync(2);
            await Assertions.Expect(page.GetByText(TradeBot.Bot.AnswerTurns.SearchingText)).ToHaveCountAsync(0);

            var activity = page.Locator("article, .webchat__basic-transcript__activity").Filter(new() { HasTextString = "145%" }).Last;
            await Assertions.Expect(activity.Locator(".webchat__activity-status__originator")).ToHaveTextAsync(TradeBot.BotFramework.WebChat.WebChatMessageEntity.AIGeneratedLabel);
            var like = activity.GetByRole(AriaRole.Button, new() { Name = "Like", Exact = true });
            await Assertions.Expect(like).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("webchat-answer-desktop.png") });

            await like.ClickAsync();
            var form = page.Locator("#feedback-form");
            await Assertions.Expect(form).ToBeVisibleAsync(new() { Timeout = Timeout });
            await form.Locator("textarea").FillAsync("Clear and well sourced");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("webchat-feedback-form.png") });
            await form.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
            await Assertions.Expect(form).ToBeHiddenAsync();

            var store = Server.Services.GetRequiredService<TradeBot.Bot.IFeedbackStore>();
            var vote = await WaitForAsync(async () => (await store.ReadAllAsync()).FirstOrDefault(r => r.Comment == "Clear and well sourced"));
            Assert.Equal(("like", Question), (vote.Reaction, vote.Question));
            Assert.Empty(pageErrors);
        }
    }

    [Theory]
    [InlineData("privacy.html", "What TradeBot keeps")]
    [InlineData("terms.html", "AI-generated")]
    public async Task Server_PrivacyAndTermsPages_AreServed(string page, string text)
    {
        var html = await Server.Client.GetStringAsync(new Uri(page, UriKind.Relative));

        Assert.Contains(text, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Phone_TranscriptKeepsMostOfTheScreen()
    {
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            await page.GotoAsync(Server.Address.ToString());
            await Assertions.Expect(page.GetByText(TradeBot.Bot.WelcomeMessage.ExamplesPrompt).First).ToBeVisibleAsync(new() { Timeout = Timeout });
            await AskAsync(page, "How did China respond to the tariffs?");
            await Assertions.Expect(BotBubbles(page)).ToHaveCountAsync(2, new() { Timeout = Timeout });

            var transcript = await page.Locator(".webchat__basic-transcript").BoundingBoxAsync();
            Assert.NotNull(transcript);
            Assert.True(transcript.Height >= 0.6 * 844, $"the transcript is {transcript.Height} px of 844");
            // Suggested questions wrap in full: no carousel arrows over their text.
            await Assertions.Expect(page.Locator(".webchat__suggested-actions__flipper")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("webchat-phone.png") });
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task AskAsync(IPage page, string question)
    {
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await Assertions.Expect(sendBox).ToBeEditableAsync(new() { Timeout = Timeout });
        await sendBox.FillAsync(question);
        await sendBox.PressAsync("Enter");
    }

    private static ILocator CitationDialog(IPage page) => page.Locator(".webchat__citation-modal-dialog");

    /// <summary>Screenshots go to the tests' output folder, to be looked at.</summary>
    private static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static ILocator BotBubbles(IPage page) => page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)");

    private static ILocator UserBubbles(IPage page) => page.Locator(".webchat__bubble.webchat__bubble--from-user");
}
