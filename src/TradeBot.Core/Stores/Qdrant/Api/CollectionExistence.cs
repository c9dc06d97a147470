using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>CollectionExistence</c>.</summary>
internal sealed record CollectionExistence([property: JsonPropertyName("exists")] bool Exists);
