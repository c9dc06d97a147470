using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>A user or bot on a channel (<c>from</c>, <c>recipient</c>, <c>membersAdded</c>).</summary>
public sealed class ChannelAccount
{
    public ChannelAccount()
    {
    }

    public ChannelAccount(string id, string? name = null)
    {
        Id = id;
        Name = name;
    }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }

    /// <summary>Properties this model does not name, kept for the round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
