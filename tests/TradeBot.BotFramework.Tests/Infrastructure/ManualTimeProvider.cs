namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>
/// A clock whose date moves only when told to, while its timers run in real time. For hosts that take the clock from
/// the container: ASP.NET Core and the generic host use the same clock for their own timeouts, which a
/// <c>FakeTimeProvider</c> would freeze. Components tested on their own use <c>FakeTimeProvider</c>.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
