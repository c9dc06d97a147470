using Microsoft.Extensions.Time.Testing;
using TradeBot.Core.Ingestion.Feeds;

namespace TradeBot.Core.Tests.Ingestion.Feeds;

/// <summary>The per-host spacing of requests, and the robots.txt rules article pages are checked against.</summary>
public sealed class FetchLimitsTests
{
    [Fact]
    public async Task HostRateLimiter_SecondRequestToAHost_WaitsForTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var limiter = new HostRateLimiter(new FetchOptions { HostInterval = TimeSpan.FromSeconds(2) }, clock);

        await limiter.WaitAsync("wire.example", CancellationToken.None);
        var second = limiter.WaitAsync("wire.example", CancellationToken.None);
        var otherHost = limiter.WaitAsync("other.example", CancellationToken.None);

        Assert.True(otherHost.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("/news/tariffs", true)]
    [InlineData("/private/memo", false)]
    [InlineData("/private/press/release", true)]
    [InlineData("/drafts/a.pdf", false)]
    [InlineData("/drafts/a.pdf?x=1", true)]
    public void RobotsRules_LongestMatchWins(string path, bool allowed)
    {
        var rules = RobotsRules.Parse("""
            User-agent: SomeOtherBot
            Disallow: /

            User-agent: *
            Disallow: /private/
            Allow: /private/press/
            Disallow: /*.pdf$
            """, FetchOptions.DefaultUserAgent);

        Assert.Equal(allowed, rules.Allows(new Uri("https://wire.example" + path)));
    }

    [Fact]
    public void RobotsRules_GroupNamingTradeBot_OutranksTheWildcard()
    {
        var rules = RobotsRules.Parse("User-agent: *\nAllow: /\n\nUser-agent: tradebot\nDisallow: /news/\n", FetchOptions.DefaultUserAgent);

        Assert.False(rules.Allows(new Uri("https://wire.example/news/a")));
        Assert.True(rules.Allows(new Uri("https://wire.example/markets/a")));
    }
}
