using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>The answer of a channel to a sent activity: the id it assigned, which may be missing.</summary>
public sealed class ResourceResponse
{
    public ResourceResponse()
    {
    }

    public ResourceResponse(string? id) => Id = id;

    public string? Id { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
