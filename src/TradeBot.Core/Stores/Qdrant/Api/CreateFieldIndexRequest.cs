using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Qdrant <c>CreateFieldIndex</c> with a plain <c>PayloadSchemaType</c> name (keyword, datetime, …).</summary>
internal sealed record CreateFieldIndexRequest(
    [property: JsonPropertyName("field_name")] string FieldName,
    [property: JsonPropertyName("field_schema")] string FieldSchema);
