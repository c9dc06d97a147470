using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>The payload stored with each passage point: everything a citation needs.</summary>
internal sealed record PassagePayload
{
    [JsonPropertyName("article_id")]
    public required string ArticleId { get; init; }

    [JsonPropertyName("ordinal")]
    public int Ordinal { get; init; }

    [JsonPropertyName("text")]
    public string Text { get; init; } = string.Empty;

    [JsonPropertyName("title")]
    public string Title { get; init; } = string.Empty;

    [JsonPropertyName("source")]
    public string Source { get; init; } = string.Empty;

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>RFC 3339 in UTC with a Z suffix, as Qdrant's datetime index expects.</summary>
    [JsonPropertyName("published")]
    public string? Published { get; init; }

    [JsonPropertyName("story_id")]
    public string StoryId { get; init; } = string.Empty;
}
