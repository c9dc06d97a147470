using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>A clickable action (<c>imBack</c>, <c>postBack</c>, <c>messageBack</c>, <c>openUrl</c>, …).</summary>
public sealed class CardAction
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";

    public string? Type { get; set; }

    public string? Title { get; set; }

    public JsonElement? Value { get; set; }

    public string? Text { get; set; }

    public string? DisplayText { get; set; }

    public string? Image { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>An <c>imBack</c> action that posts <paramref name="text"/> as the user's message.</summary>
    public static CardAction CreateImBack(string text) =>
        new() { Type = ImBack, Title = text, Value = JsonSerializer.SerializeToElement(text, ActivitySerializer.Options) };
}
