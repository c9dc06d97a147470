using Microsoft.Extensions.Options;

namespace TradeBot.Bot;

/// <summary>
/// At most <see cref="TradeNewsBotOptions.FeedbackPerConversation"/> votes per conversation in each
/// <see cref="TradeNewsBotOptions.FeedbackWindow"/> (a fixed window from the first vote); anyone can vote through the
/// public Direct Line, so the feedback file must not grow at a client's pace.
/// </summary>
internal sealed class FeedbackLimiter(IOptions<TradeNewsBotOptions> options, TimeProvider timeProvider)
{
    private readonly ExpiringCache<Window> _windows = new(options.Value.MaxConversations, options.Value.FeedbackWindow, timeProvider);

    /// <summary>True when the conversation may store one more vote now (and counts it).</summary>
    public bool TryAcquire(string conversationKey)
    {
        var now = timeProvider.GetUtcNow();
        _windows.TryAdd(conversationKey, new Window(now));
        var window = _windows.Get(conversationKey) ?? new Window(now);
        return window.TryTake(now, options.Value.FeedbackWindow, options.Value.FeedbackPerConversation);
    }

    private sealed class Window(DateTimeOffset start)
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _start = start;
        private int _count;

        public bool TryTake(DateTimeOffset now, TimeSpan length, int limit)
        {
            lock (_gate)
            {
                if (now - _start >= length)
                {
                    _start = now;
                    _count = 0;
                }

                if (_count >= limit)
                {
                    return false;
                }

                _count++;
                return true;
            }
        }
    }
}
