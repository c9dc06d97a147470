using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>What is needed to reach a conversation again, e.g. for proactive messages.</summary>
public sealed class ConversationReference
{
    public string? ActivityId { get; set; }

    public ChannelAccount? User { get; set; }

    public ChannelAccount? Bot { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public string? ChannelId { get; set; }

    public string? ServiceUrl { get; set; }

    public string? Locale { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
