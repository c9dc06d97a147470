using Microsoft.Extensions.Options;
using TradeBot.Bot;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.Tests.Bot;

public sealed class FeedbackLimiterTests
{
    [Fact]
    public void TryAcquire_OverLimit_RefusedUntilTheWindowHasPassed()
    {
        var clock = new ManualTimeProvider();
        var limiter = new FeedbackLimiter(Options.Create(new TradeNewsBotOptions { FeedbackPerConversation = 2, FeedbackWindow = TimeSpan.FromHours(1) }), clock);

        Assert.True(limiter.TryAcquire("a"));
        Assert.True(limiter.TryAcquire("a"));
        Assert.False(limiter.TryAcquire("a"));
        Assert.True(limiter.TryAcquire("b"));

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(limiter.TryAcquire("a"));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(limiter.TryAcquire("a"));
    }
}
