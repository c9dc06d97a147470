using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.Core.Evaluation;

/// <summary>A question case in the format of shared/eval/README.md.</summary>
/// <param name="Id">A name for the case.</param>
/// <param name="Turns">The user's messages of one conversation, in order; only the answer to the last is judged.</param>
/// <param name="All">Groups of strings; the answer must contain at least one string of every group.</param>
/// <param name="Cite">The answer must cite, and every quote must stand in the cited article.</param>
/// <param name="Refuse">The articles do not answer: the bot must decline and cite nothing.</param>
/// <param name="Articles">The gold article ids (every article that gives the answer); what retrieval recall is measured on.</param>
public sealed record EvalCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("turns")] IReadOnlyList<string> Turns,
    [property: JsonPropertyName("all")] IReadOnlyList<IReadOnlyList<string>>? All = null,
    [property: JsonPropertyName("cite")] bool Cite = false,
    [property: JsonPropertyName("refuse")] bool Refuse = false,
    [property: JsonPropertyName("articles")] IReadOnlyList<string>? Articles = null)
{
    /// <summary>True for a conversation: the last question may only make sense with the earlier ones.</summary>
    public bool IsMultiTurn => Turns.Count > 1;

    /// <summary>Reads a JSON Lines file of cases; blank lines are skipped.</summary>
    /// <exception cref="InvalidDataException">A line is not a case; the message names the line.</exception>
    public static async Task<IReadOnlyList<EvalCase>> ReadFileAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false));

    /// <summary>Parses JSON Lines of cases; blank lines are skipped.</summary>
    /// <exception cref="InvalidDataException">A line is not a case; the message names the line.</exception>
    public static IReadOnlyList<EvalCase> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var cases = new List<EvalCase>();
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                var evalCase = JsonSerializer.Deserialize<EvalCase>(line) ?? throw new JsonException("null is not a case");
                if (string.IsNullOrWhiteSpace(evalCase.Id) || evalCase.Turns is not { Count: > 0 })
                {
                    throw new JsonException("a case needs an id and at least one turn");
                }
                cases.Add(evalCase);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"line {lineNumber} is not a valid case: {ex.Message}", ex);
            }
        }
        return cases;
    }

    /// <summary>The id, which names the case in test output.</summary>
    public override string ToString() => Id;
}
