using System.Text.Json;

namespace TradeBot.Core.Tests.Answers.Llm;

/// <summary>A request the stub server received: its path, authorization header, JSON body and <c>api-key</c> header (Azure).</summary>
internal sealed record RecordedRequest(string Path, string? Authorization, JsonElement Body, string? ApiKey = null)
{
    public string Model => Body.GetProperty("model").GetString()!;

    public bool Stream => Body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

    public string Message(string role) =>
        Body.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == role).GetProperty("content") switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString()!,
            var parts => string.Concat(parts.EnumerateArray().Select(p => p.GetProperty("text").GetString())),
        };
}
