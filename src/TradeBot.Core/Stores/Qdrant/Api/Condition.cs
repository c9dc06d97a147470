using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>Condition</c>: a field condition or a nested filter. Serialized without a type discriminator.</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(FieldCondition))]
[JsonDerivedType(typeof(Filter))]
internal abstract record Condition;
