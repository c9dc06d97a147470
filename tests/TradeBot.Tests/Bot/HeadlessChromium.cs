using Microsoft.Playwright;

namespace TradeBot.Tests.Bot;

/// <summary>Debian's Chromium, headless, driven by Playwright, with the flags that keep it off the closed network.</summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException("Chromium is missing: run ./test.sh (it installs Debian's chromium) or apt-get install chromium.", ExecutablePath);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        return (playwright, browser);
    }
}
