using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// One self-hosted conversation: its activity log (ids <c>{conversationId}|{sequence}</c>, the sequence is the
/// watermark) and the WebSocket listening to it. Typing is pushed to the socket only, as Azure Direct Line does. The
/// log keeps at most <see cref="DirectLineOptions.MaxActivitiesPerConversation"/> activities and
/// <see cref="DirectLineOptions.MaxConversationBytes"/> bytes (as JSON), dropping the oldest first; the store that owns
/// it is told of every change, for the limits over all conversations.
/// </summary>
internal sealed class DirectLineConversation(string id, string userId, DirectLineOptions limits, IDirectLineActivityBudget budget, DateTimeOffset now)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Kept> _log = new();
    private long _sequence;
    private long _bytes;
    private bool _ended;
    private Channel<DirectLineActivitySet>? _listener;

    public string Id { get; } = id;

    public string UserId { get; } = userId;

    public DateTimeOffset LastUsed { get; private set; } = now;

    /// <summary>The age (see <see cref="IDirectLineActivityBudget.NextAge"/>) of the oldest kept activity; <see cref="long.MaxValue"/> when none is kept.</summary>
    public long OldestAge
    {
        get
        {
            lock (_gate)
            {
                return _log.First?.Value.Age ?? long.MaxValue;
            }
        }
    }

    public void Touch(DateTimeOffset now)
    {
        lock (_gate)
        {
            LastUsed = now;
        }
    }

    /// <summary>Gives the activity its id, keeps it (within the limits) and sends it to the listener.</summary>
    public string Append(Activity activity)
    {
        long bytes = 0;
        var count = 0;
        string activityId;
        lock (_gate)
        {
            var sequence = ++_sequence;
            activityId = string.Create(CultureInfo.InvariantCulture, $"{Id}|{sequence:D7}");
            activity.Id = activityId;
            // An ended conversation (a turn still answering after it expired) keeps nothing.
            if (!_ended)
            {
                var size = JsonSerializer.SerializeToUtf8Bytes(activity, ActivitySerializer.Options).Length;
                _log.AddLast(new Kept(sequence, activity, size, budget.NextAge()));
                _bytes += size;
                (bytes, count) = (size, 1);
                while (_log.Count > 1 && (_log.Count > limits.MaxActivitiesPerConversation || _bytes > limits.MaxConversationBytes))
                {
                    var dropped = DropOldest();
                    bytes -= dropped;
                    count--;
                }
            }

            _listener?.Writer.TryWrite(new DirectLineActivitySet([activity], Watermark(sequence)));
        }

        // Outside the lock: the budget may evict from other conversations, taking their locks.
        budget.Changed(bytes, count);
        return activityId;
    }

    /// <summary>Drops the oldest kept activity; its size in bytes, or 0 when nothing is kept.</summary>
    public long EvictOldest()
    {
        lock (_gate)
        {
            return _log.Count > 0 ? DropOldest() : 0;
        }
    }

    /// <summary>Sends an activity that is not kept (typing) to the listener.</summary>
    public string Push(Activity activity)
    {
        lock (_gate)
        {
            activity.Id ??= $"{Id}|t{Guid.NewGuid():N}";
            _listener?.Writer.TryWrite(new DirectLineActivitySet([activity], null));
            return activity.Id;
        }
    }

    public DirectLineActivitySet After(string? watermark)
    {
        lock (_gate)
        {
            return new DirectLineActivitySet(Since(Parse(watermark)), Watermark(_sequence));
        }
    }

    /// <summary>
    /// Makes a new listener the only one (a reloaded page replaces its old socket) and first gives it the activities
    /// after <paramref name="watermark"/>, so that nothing falls between the replay and the live stream.
    /// </summary>
    public ChannelReader<DirectLineActivitySet> Listen(string? watermark)
    {
        lock (_gate)
        {
            _listener?.Writer.TryComplete();
            _listener = Channel.CreateUnbounded<DirectLineActivitySet>(new UnboundedChannelOptions { SingleReader = true });
            var replay = Since(Parse(watermark));
            if (replay.Count > 0)
            {
                _listener.Writer.TryWrite(new DirectLineActivitySet(replay, Watermark(_sequence)));
            }

            return _listener.Reader;
        }
    }

    public void StopListening(ChannelReader<DirectLineActivitySet> reader)
    {
        lock (_gate)
        {
            if (_listener is { } listener && ReferenceEquals(listener.Reader, reader))
            {
                listener.Writer.TryComplete();
                _listener = null;
            }
        }
    }

    /// <summary>Ends the live stream and forgets the activities (the conversation expired); what it kept, to give back to the budget.</summary>
    public (long Bytes, int Count) End()
    {
        lock (_gate)
        {
            _listener?.Writer.TryComplete();
            _listener = null;
            _ended = true;
            var kept = (_bytes, _log.Count);
            _log.Clear();
            _bytes = 0;
            return kept;
        }
    }

    private long DropOldest()
    {
        var oldest = _log.First!.Value;
        _log.RemoveFirst();
        _bytes -= oldest.Bytes;
        return oldest.Bytes;
    }

    private List<Activity> Since(long watermark) => [.. _log.Where(entry => entry.Sequence > watermark).Select(entry => entry.Activity)];

    private static long Parse(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Watermark(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Kept(long Sequence, Activity Activity, int Bytes, long Age);
}
