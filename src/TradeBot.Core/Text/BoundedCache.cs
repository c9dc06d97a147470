using System.Collections.Concurrent;

namespace TradeBot.Core.Text;

/// <summary>
/// Values computed once per key and kept for the keys asked for lately: at <paramref name="capacity"/> keys the cache
/// starts again empty, which bounds its memory without tracking use. Safe for concurrent callers.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_values.TryGetValue(key, out var known))
        {
            return known;
        }
        if (_values.Count >= capacity)
        {
            _values.Clear();
        }
        return _values.GetOrAdd(key, create);
    }
}
