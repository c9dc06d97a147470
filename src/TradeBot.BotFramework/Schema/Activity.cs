using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeBot.BotFramework.Schema;

/// <summary>
/// An activity of the Bot Framework Activity protocol. Properties this model does not name are kept in
/// <see cref="Properties"/> and written back unchanged; timestamps stay strings so that any ISO-8601 form survives.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Timestamp { get; set; }

    public string? LocalTimestamp { get; set; }

    public string? LocalTimezone { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public string? TextFormat { get; set; }

    public string? AttachmentLayout { get; set; }

    public List<ChannelAccount>? MembersAdded { get; set; }

    public List<ChannelAccount>? MembersRemoved { get; set; }

    public string? TopicName { get; set; }

    public string? Locale { get; set; }

    public string? Text { get; set; }

    public string? Speak { get; set; }

    public string? InputHint { get; set; }

    public string? Summary { get; set; }

    public SuggestedActions? SuggestedActions { get; set; }

    public List<Attachment>? Attachments { get; set; }

    public List<Entity>? Entities { get; set; }

    public JsonElement? ChannelData { get; set; }

    public string? Action { get; set; }

    public string? ReplyToId { get; set; }

    public string? Label { get; set; }

    public string? ValueType { get; set; }

    public JsonElement? Value { get; set; }

    public string? Name { get; set; }

    public ConversationReference? RelatesTo { get; set; }

    public string? Code { get; set; }

    public string? Expiration { get; set; }

    public string? Importance { get; set; }

    public string? DeliveryMode { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>True when the activity is of <paramref name="type"/> (ordinal comparison, as the protocol asks).</summary>
    public bool IsType(string type) => string.Equals(Type, type, StringComparison.Ordinal);

    /// <summary>A message reply: from and recipient swapped, conversation, channel and serviceUrl copied.</summary>
    public Activity CreateReply(string? text = null) => CreateReplyOfType(ActivityTypes.Message, text);

    /// <summary>A typing activity addressed like a reply.</summary>
    public Activity CreateTypingReply() => CreateReplyOfType(ActivityTypes.Typing, null);

    /// <summary>The reference to this activity's conversation.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    private Activity CreateReplyOfType(string type, string? text) => new()
    {
        Type = type,
        From = Recipient is null ? null : new ChannelAccount(Recipient.Id ?? string.Empty, Recipient.Name),
        Recipient = From is null ? null : new ChannelAccount(From.Id ?? string.Empty, From.Name),
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
    };
}
