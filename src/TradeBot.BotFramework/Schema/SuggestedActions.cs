using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>Quick replies shown with a message.</summary>
public sealed class SuggestedActions
{
    public List<string>? To { get; set; }

    public List<CardAction> Actions { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
