using Microsoft.Extensions.Options;

namespace TradeBot.Bot;

/// <summary>Remembers whom the bot has greeted, so that each user is welcomed once.</summary>
internal sealed class WelcomeRegistry(IOptions<TradeNewsBotOptions> options, TimeProvider timeProvider)
{
    private static readonly object _greeted = new();
    private readonly ExpiringCache<object> _keys = new(options.Value.MaxConversations * 4, TimeSpan.FromDays(30), timeProvider);

    /// <summary>True the first time a key is seen: the caller should greet.</summary>
    public bool ShouldGreet(string key) => _keys.TryAdd(key, _greeted);
}
