using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>
/// A fake clock that reports every timer created on it (attempt timeouts, retry delays) with its due time, so a
/// test can wait until the code under test is waiting and then move time exactly that far: no sleeps, no races.
/// </summary>
internal sealed class WatchedClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Report(dueTime);
        return timer;
    }

    private void Report(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }
    }

    /// <summary>Waits for the next timer whose due time <paramref name="matches"/>, and returns that due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> matches)
    {
        while (true)
        {
            // The bound only keeps a broken test from hanging the run; a passing test never comes near it.
            var due = await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (matches(due))
            {
                return due;
            }
        }
    }

    /// <summary>A timer set later (a cancellation source's CancelAfter) reports its due time too.</summary>
    private sealed class WatchedTimer(ITimer inner, WatchedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Report(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
