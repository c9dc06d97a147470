using System.Text.Json;

namespace TradeBot.BotFramework.Schema;

/// <summary>The synchronous answer to an <c>invoke</c> activity: an HTTP status and an optional JSON body.</summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null)
{
    /// <summary>200 with no body, as Teams expects for feedback submissions.</summary>
    public static InvokeResponse Ok() => new(200);

    public static InvokeResponse NotImplemented() => new(501);
}
