using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line 3.0 <c>Conversation</c> object (token, start, reconnect answers). <see cref="Domain"/> and
/// <see cref="UserId"/> are only in the answer of the page's token endpoint: where to connect and who the user is.
/// </summary>
public sealed record DirectLineConversationInfo(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Domain = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId = null);
