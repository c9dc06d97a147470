using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>The HTTP body returned for an activity sent with <c>deliveryMode: expectReplies</c>.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
