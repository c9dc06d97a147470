using Microsoft.Extensions.Options;
using TradeBot.Core.Answers;

namespace TradeBot.Bot;

/// <summary>The recent turns of each conversation, for follow-up questions: bounded per conversation and in total, and expiring.</summary>
internal sealed class ConversationMemory(IOptions<TradeNewsBotOptions> options, TimeProvider timeProvider)
{
    private readonly ExpiringCache<ConversationTurn[]> _turns =
        new(options.Value.MaxConversations, options.Value.MemoryExpiry, timeProvider);

    public IReadOnlyList<ConversationTurn> Recall(string conversationKey) => _turns.Get(conversationKey) ?? [];

    public void Remember(string conversationKey, ConversationTurn turn)
    {
        var keep = options.Value.MemoryTurns;
        if (keep == 0)
        {
            return;
        }

        var earlier = Recall(conversationKey);
        _turns.Set(conversationKey, [.. earlier.Skip(Math.Max(0, earlier.Count - keep + 1)), turn]);
    }

    public void Forget(string conversationKey) => _turns.Set(conversationKey, []);
}
