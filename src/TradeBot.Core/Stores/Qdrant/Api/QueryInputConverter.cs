using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.Core.Stores.Qdrant.Api;

/// <summary>Writes each <see cref="QueryInput"/> case in the shape the Qdrant spec expects. Requests only.</summary>
internal sealed class QueryInputConverter : JsonConverter<QueryInput>
{
    public override QueryInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Query inputs are only ever sent to Qdrant, never read back.");

    public override void Write(Utf8JsonWriter writer, QueryInput value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case QueryInput.Dense dense:
                JsonSerializer.Serialize(writer, dense.Vector, options);
                break;
            case QueryInput.Sparse sparse:
                JsonSerializer.Serialize(writer, sparse.Vector, options);
                break;
            case QueryInput.Rrf rrf:
                writer.WriteStartObject();
                writer.WritePropertyName("rrf");
                writer.WriteStartObject();
                writer.WriteNumber("k", rrf.K);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"Unknown query input {value.GetType().Name}.");
        }
    }
}
