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
            // The welcome counts the articles once the corpus is ingested.
            await Assertions.Expect(page.GetByText("2 articles").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

            await session.SendAsync("What tariff did the US impose on Chinese imports?");

            await Assertions.Expect(page.GetByText("145%").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var citation = page.Locator("a.fai-Citation", new() { HasTextString = "1" }).First;
            await citation.HoverAsync();
            var card = page.Locator(".fai-PreviewSurface");
            await Assertions.Expect(card.GetByText("China Open to U.S. Tariff Talks", new() { Exact = false }).First).ToBeVisibleAsync();

            await session.SendAsync("And what did China do in response?");
            await Assertions.Expect(page.GetByText("125", new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch
        {
            Console.WriteLine($"Playground output:\n{session.Playground.Output}");
            throw;
        }
    }
}
