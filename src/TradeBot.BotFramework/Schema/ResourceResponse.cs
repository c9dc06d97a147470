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

    /// <summary>
    /// Set, never serialized, when the channel refused the activity (its HTTP status) or it was not delivered at all
    /// (0: no address, or the channel unreachable):
    /// the connector reports failures this way instead of throwing.
    /// </summary>
    [JsonIgnore]
    public int? FailureStatusCode { get; init; }

    /// <summary>The <c>error.code</c> of the channel's ErrorResponse for a refused activity, when it sent one.</summary>
    [JsonIgnore]
    public string? FailureCode { get; init; }

    /// <summary>True when the activity did not reach the conversation.</summary>
    [JsonIgnore]
    public bool Failed => FailureStatusCode is not null;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
