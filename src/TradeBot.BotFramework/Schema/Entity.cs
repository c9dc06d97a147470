using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>An entry of <c>entities</c>: a <see cref="Type"/> plus whatever properties that type carries.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Reads a property of the entity as a string, or null.</summary>
    public string? GetString(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Reads a property of the entity, or an undefined element.</summary>
    public JsonElement GetProperty(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var value) ? value : default;

    /// <summary>Builds an entity from an object serialized with the activity serializer settings.</summary>
    public static Entity From<T>(T value)
    {
        var element = JsonSerializer.SerializeToElement(value, ActivitySerializer.Options);
        return element.Deserialize<Entity>(ActivitySerializer.Options) ?? new Entity();
    }
}
