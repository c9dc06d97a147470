using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>MatchAny</c> on a keyword field.</summary>
internal sealed record MatchAny([property: JsonPropertyName("any")] IReadOnlyList<string> Any) : Match;
