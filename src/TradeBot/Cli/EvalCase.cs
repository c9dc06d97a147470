using System.Text.Json.Serialization;

namespace TradeBot.Cli;

/// <summary>A question case in the format of shared/eval/README.md.</summary>
internal sealed record EvalCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("turns")] IReadOnlyList<string> Turns,
    [property: JsonPropertyName("all")] IReadOnlyList<IReadOnlyList<string>>? All,
    [property: JsonPropertyName("cite")] bool Cite,
    [property: JsonPropertyName("refuse")] bool Refuse);
