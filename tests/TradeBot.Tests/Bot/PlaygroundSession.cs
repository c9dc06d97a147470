using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace TradeBot.Tests.Bot;

/// <summary>
/// One end-to-end session: TradeBot on loopback, the Agents Playground pointed at it, and a headless Chromium page on
/// the Playground's UI. On dispose it leaves a screenshot in the temp folder and stops everything it started.
/// </summary>
internal sealed class PlaygroundSession : IAsyncDisposable
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private PlaygroundSession(TradeBotTestHost bot, AgentsPlayground playground, string name)
    {
        Bot = bot;
        Playground = playground;
        Name = name;
    }

    public TradeBotTestHost Bot { get; }

    public AgentsPlayground Playground { get; }

    public string Name { get; }

    public IPage Page { get; private set; } = null!;

    /// <summary>The Playground's message box.</summary>
    public ILocator ChatBox => Page.Locator("[contenteditable=true][role=textbox]").First;

    public static async Task<PlaygroundSession> StartAsync(string channelId, string name, Action<IServiceCollection>? services = null)
    {
        var bot = await TradeBotTestHost.StartAsync(services);
        var playground = await AgentsPlayground.StartAsync(new Uri(bot.Address, "/api/messages"), channelId);
        var session = new PlaygroundSession(bot, playground, name);
        (session._playwright, session._browser) = await HeadlessChromium.LaunchAsync();
        session.Page = await session._browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await session.Page.GotoAsync(playground.Address.AbsoluteUri);
        return session;
    }

    /// <summary>A file in the tests' output folder (screenshots/), to be looked at.</summary>
    public string ScreenshotPath(string file) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName, file);

    public async Task SendAsync(string text)
    {
        await ChatBox.ClickAsync();
        await ChatBox.PressSequentiallyAsync(text);
        await ChatBox.PressAsync("Enter");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Left in the tests' output folder (screenshots/) to look at what the Playground showed.
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath($"playground-{Name}.png"), FullPage = true });
        }
        finally
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            await Playground.DisposeAsync();
            await Bot.DisposeAsync();
        }
    }
}
