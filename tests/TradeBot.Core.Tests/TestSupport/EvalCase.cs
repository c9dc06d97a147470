using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>A question case of Data/seed-qa-dev.jsonl (format: shared/eval/README.md).</summary>
public sealed record EvalCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("turns")] IReadOnlyList<string> Turns,
    [property: JsonPropertyName("all")] IReadOnlyList<IReadOnlyList<string>>? All,
    [property: JsonPropertyName("cite")] bool Cite,
    [property: JsonPropertyName("refuse")] bool Refuse)
{
    public static IReadOnlyList<EvalCase> Load(string fileName) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", fileName))
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonSerializer.Deserialize<EvalCase>(line) ?? throw new InvalidDataException($"not a case: {line}"))
            .ToList();

    public override string ToString() => Id;
}
