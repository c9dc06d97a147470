using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>Match</c>: <c>MatchValue</c> or <c>MatchAny</c> (the only two the store needs).</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(MatchValue))]
[JsonDerivedType(typeof(MatchAny))]
internal abstract record Match;
