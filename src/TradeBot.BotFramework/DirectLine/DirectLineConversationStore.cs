using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>The self-hosted conversations, in memory; idle ones expire and are removed.</summary>
internal sealed class DirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public int Count => _conversations.Count;

    /// <summary>The conversation, unless it does not exist or has expired; using it keeps it alive.</summary>
    public DirectLineConversation? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
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
            var now = timeProvider.GetUtcNow();
            Sweep(now);
            if (_conversations.TryGetValue(grant.ConversationId, out var raced))
            {
                return (raced, false);
            }

            if (_conversations.Count >= options.Value.MaxConversations)
            {
                return (null, false);
            }

            var conversation = new DirectLineConversation(grant.ConversationId, grant.UserId, options.Value.MaxActivitiesPerConversation, now);
            _conversations[conversation.Id] = conversation;
            return (conversation, true);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromSeconds(30) && _conversations.Count < options.Value.MaxConversations)
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
        now - conversation.LastUsed > options.Value.ConversationIdleTimeout;

    private void Remove(DirectLineConversation conversation)
    {
        if (_conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
        {
            conversation.End();
        }
    }
}
