using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>A card or file attached to an activity.</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }

    public string? ContentUrl { get; set; }

    public JsonElement? Content { get; set; }

    public string? Name { get; set; }

    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
