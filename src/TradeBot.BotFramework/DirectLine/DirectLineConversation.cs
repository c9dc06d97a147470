using System.Globalization;
using System.Threading.Channels;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// One self-hosted conversation: its activity log (ids <c>{conversationId}|{sequence}</c>, the sequence is the
/// watermark) and the WebSocket listening to it. Typing is pushed to the socket only, as Azure Direct Line does.
/// </summary>
internal sealed class DirectLineConversation(string id, string userId, int capacity, DateTimeOffset now)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(long Sequence, Activity Activity)> _log = new();
    private long _sequence;
    private Channel<DirectLineActivitySet>? _listener;

    public string Id { get; } = id;

    public string UserId { get; } = userId;

    public DateTimeOffset LastUsed { get; private set; } = now;

    public void Touch(DateTimeOffset now)
    {
        lock (_gate)
        {
            LastUsed = now;
        }
    }

    /// <summary>Gives the activity its id, keeps it and sends it to the listener.</summary>
    public string Append(Activity activity)
    {
        lock (_gate)
        {
            var sequence = ++_sequence;
            activity.Id = string.Create(CultureInfo.InvariantCulture, $"{Id}|{sequence:D7}");
            _log.AddLast((sequence, activity));
            while (_log.Count > capacity)
            {
                _log.RemoveFirst();
            }

            _listener?.Writer.TryWrite(new DirectLineActivitySet([activity], Watermark(sequence)));
            return activity.Id;
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

    /// <summary>Ends the live stream (the conversation expired).</summary>
    public void End()
    {
        lock (_gate)
        {
            _listener?.Writer.TryComplete();
            _listener = null;
        }
    }

    private List<Activity> Since(long watermark) => [.. _log.Where(entry => entry.Sequence > watermark).Select(entry => entry.Activity)];

    private static long Parse(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Watermark(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
