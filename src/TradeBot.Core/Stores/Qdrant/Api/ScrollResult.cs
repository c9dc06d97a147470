using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>ScrollResult</c>.</summary>
internal sealed record ScrollResult
{
    [JsonPropertyName("points")]
    public IReadOnlyList<PointStruct> Points { get; init; } = [];

    [JsonPropertyName("next_page_offset")]
    public Guid? NextPageOffset { get; init; }
}
