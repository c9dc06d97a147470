using Microsoft.Playwright;
using TradeBot.BotFramework.Schema;
using TradeBot.Tests.TestSupport;

namespace TradeBot.Tests.Bot;

/// <summary>The Agents Playground in the Teams channel against the real pipeline on the seed articles: real answers, real citations.</summary>
public sealed class AgentsPlaygroundPipelineTests
{
    [Fact]
    public async Task Playground_Teams_RealAnswerWithCitationCardAndFollowUp()
    {
        using var pipeline = new SeedPipeline();
        await using var session = await PlaygroundSession.StartAsync(Channels.Msteams, "msteams-pipeline", pipeline.Register);
        var page = session.Page;
        try
        {
            // One welcome, counting the articles once the corpus is ingested, its examples as suggested actions.
            await Assertions.Expect(page.GetByText("2 articles").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            // (The log panel shows the start of each message: the greeting's end stands only in the chat.)
            await Assertions.Expect(page.GetByText("and I cite my sources", new() { Exact = false })).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByText(TradeBot.Bot.WelcomeMessage.ExamplesPrompt, new() { Exact = false })).ToHaveCountAsync(1);
            var examples = page.GetByRole(AriaRole.Button).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\?$") });
            await Assertions.Expect(examples).ToHaveCountAsync(3);
            await page.ScreenshotAsync(new() { Path = session.ScreenshotPath("playground-msteams-welcome.png") });

            await session.SendAsync("What tariff did the US impose on Chinese imports?");

            await Assertions.Expect(page.GetByText("145%").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var citation = page.Locator("a.fai-Citation", new() { HasTextString = "1" }).First;
            await citation.HoverAsync();
            var card = page.Locator(".fai-PreviewSurface");
            await Assertions.Expect(card.GetByText("China Open to U.S. Tariff Talks", new() { Exact = false }).First).ToBeVisibleAsync();

            await session.SendAsync("And what did China do in response?");
            await Assertions.Expect(page.GetByText("125", new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // A question the articles do not answer is declined with questions they do answer, close to it.
            await session.SendAsync("What duties did the EU put on Chinese electric vehicles?");
            await Assertions.Expect(page.GetByText("disputes they cover", new() { Exact = false })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            var close = page.GetByRole(AriaRole.Button).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"(tariff|dut)\w*.*\?$") }).Last;
            await Assertions.Expect(close).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new() { Path = session.ScreenshotPath("playground-msteams-declined.png"), FullPage = true });
            var answered = await page.Locator("a.fai-Citation").CountAsync();
            await close.ClickAsync();
            await Assertions.Expect(page.Locator("a.fai-Citation")).Not.ToHaveCountAsync(answered, new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByText("disputes they cover", new() { Exact = false })).ToHaveCountAsync(1);
        }
        catch
        {
            Console.WriteLine($"Playground output:\n{session.Playground.Output}");
            throw;
        }
    }
}
