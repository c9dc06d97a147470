using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Serializer settings for the Qdrant REST API: nulls omitted, unknown response fields ignored.</summary>
internal static class QdrantJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // NaN or Infinity in a vector would be rejected by the server; fail here instead (the default already does).
        NumberHandling = JsonNumberHandling.Strict,
    };
}
