using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>The conversation an activity belongs to.</summary>
public sealed class ConversationAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public bool? IsGroup { get; set; }

    /// <summary>Teams: <c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
