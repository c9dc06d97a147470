using System.Collections.Concurrent;

namespace TradeBot.Bot;

/// <summary>
/// A thread-safe map whose entries expire after <c>timeToLive</c> without use and whose size is bounded: when full,
/// the least recently used tenth is dropped. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ExpiringCache<TValue>(int capacity, TimeSpan timeToLive, TimeProvider timeProvider)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public TValue? Get(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (now - entry.LastUsed > timeToLive)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            return null;
        }

        entry.LastUsed = now;
        return entry.Value;
    }

    public void Set(string key, TValue value)
    {
        _entries[key] = new Entry(value, timeProvider.GetUtcNow());
        TrimIfFull();
    }

    /// <summary>Adds the key unless a live entry holds it; true when this call added it.</summary>
    public bool TryAdd(string key, TValue value)
    {
        if (Get(key) is not null)
        {
            return false;
        }

        var added = _entries.TryAdd(key, new Entry(value, timeProvider.GetUtcNow()));
        TrimIfFull();
        return added;
    }

    private void TrimIfFull()
    {
        if (_entries.Count <= capacity)
        {
            return;
        }

        var drop = Math.Max(1, _entries.Count - capacity + (capacity / 10));
        foreach (var stale in _entries.OrderBy(e => e.Value.LastUsed).Take(drop).ToList())
        {
            _entries.TryRemove(stale);
        }
    }

    private sealed class Entry(TValue value, DateTimeOffset lastUsed)
    {
        public TValue Value { get; } = value;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }
}
