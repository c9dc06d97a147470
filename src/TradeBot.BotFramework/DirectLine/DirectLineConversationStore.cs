using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// The self-hosted conversations, in memory. Idle ones expire (checked every minute, and before a new one is made);
/// over all conversations at most <see cref="DirectLineOptions.MaxTotalActivityBytes"/> bytes and
/// <see cref="DirectLineOptions.MaxTotalActivities"/> activities are kept, the oldest activities dropped first.
/// </summary>
internal sealed class DirectLineConversationStore : IDirectLineActivityBudget, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();
    private readonly Lock _evictGate = new();
    private readonly IOptions<DirectLineOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _sweeper;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private long _age;
    private long _totalBytes;
    private long _totalActivities;

    public DirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        // Expiry must not wait for the next visitor: memory an idle server holds is given back on its own.
        _sweeper = timeProvider.CreateTimer(_ => SweepNow(), null, SweepInterval, SweepInterval);
    }

    public int Count => _conversations.Count;

    /// <summary>Bytes (as JSON) of the activities kept over all conversations.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>Activities kept over all conversations.</summary>
    public long TotalActivities => Interlocked.Read(ref _totalActivities);

    /// <summary>The conversation, unless it does not exist or has expired; using it keeps it alive.</summary>
    public DirectLineConversation? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return null;
        }

        var now = _timeProvider.GetUtcNow();
        if (Expired(conversation, now))
        {
            Remove(conversation);
            return null;
        }

        conversation.Touch(now);
        return conversation;
    }

    /// <summary>The conversation of a token, created when new; null when the store is full.</summary>
    public (DirectLineConversation? Conversation, bool Created) GetOrCreate(DirectLineToken grant)
    {
        if (Find(grant.ConversationId) is { } existing)
        {
            return (existing, false);
        }

        lock (_createGate)
        {
            var now = _timeProvider.GetUtcNow();
            Sweep(now);
            if (_conversations.TryGetValue(grant.ConversationId, out var raced))
            {
                return (raced, false);
            }

            if (_conversations.Count >= _options.Value.MaxConversations)
            {
                return (null, false);
            }

            var conversation = new DirectLineConversation(grant.ConversationId, grant.UserId, _options.Value, this, now);
            _conversations[conversation.Id] = conversation;
            return (conversation, true);
        }
    }

    long IDirectLineActivityBudget.NextAge() => Interlocked.Increment(ref _age);

    void IDirectLineActivityBudget.Changed(long bytes, int count)
    {
        var totalBytes = Interlocked.Add(ref _totalBytes, bytes);
        var totalActivities = Interlocked.Add(ref _totalActivities, count);
        var limits = _options.Value;
        if (totalBytes <= limits.MaxTotalActivityBytes && totalActivities <= limits.MaxTotalActivities)
        {
            return;
        }

        // Over the limits of the whole store: drop the oldest activities of any conversation until under them.
        lock (_evictGate)
        {
            while (TotalBytes > limits.MaxTotalActivityBytes || TotalActivities > limits.MaxTotalActivities)
            {
                var oldest = _conversations.Values.MinBy(c => c.OldestAge);
                var freed = oldest?.EvictOldest() ?? 0;
                if (freed == 0)
                {
                    return;
                }

                Interlocked.Add(ref _totalBytes, -freed);
                Interlocked.Decrement(ref _totalActivities);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private void SweepNow()
    {
        lock (_createGate)
        {
            _lastSweep = DateTimeOffset.MinValue;
            Sweep(_timeProvider.GetUtcNow());
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromSeconds(30) && _conversations.Count < _options.Value.MaxConversations)
        {
            return;
        }

        _lastSweep = now;
        foreach (var conversation in _conversations.Values.Where(c => Expired(c, now)))
        {
            Remove(conversation);
        }
    }

    private bool Expired(DirectLineConversation conversation, DateTimeOffset now) =>
        now - conversation.LastUsed > _options.Value.ConversationIdleTimeout;

    private void Remove(DirectLineConversation conversation)
    {
        if (_conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
        {
            var (bytes, count) = conversation.End();
            Interlocked.Add(ref _totalBytes, -bytes);
            Interlocked.Add(ref _totalActivities, -count);
        }
    }
}
