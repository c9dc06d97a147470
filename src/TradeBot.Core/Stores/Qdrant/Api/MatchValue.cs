using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>MatchValue</c> on a keyword field.</summary>
internal sealed record MatchValue([property: JsonPropertyName("value")] string Value) : Match;
