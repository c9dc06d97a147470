namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// Settings of the <c>DirectLine</c> section: the self-hosted Direct Line 3.0 endpoint (tokens, limits, expiry) and,
/// when <see cref="Secret"/> is set, the Azure Direct Line service that issues tokens instead.
/// </summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>Azure Direct Line secret. When set, tokens come from <see cref="ServiceBaseUrl"/>; it never leaves the server.</summary>
    public string? Secret { get; set; }

    /// <summary>The Azure Direct Line service (regional hosts such as https://europe.directline.botframework.com work too).</summary>
    public string ServiceBaseUrl { get; set; } = "https://directline.botframework.com";

    /// <summary>Base64 key (at least 32 bytes) that signs self-hosted tokens; without it a random key per process is used.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of a self-hosted token; clients refresh it at half-life.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A conversation without requests for this long ends; its id then answers 404.</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Conversations kept at the same time; new ones beyond it get 503.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>Activities kept per conversation for polling and replay; older ones are dropped.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>Bytes (as JSON) of the activities kept per conversation; the oldest are dropped first.</summary>
    public int MaxConversationBytes { get; set; } = 1024 * 1024;

    /// <summary>Bytes (as JSON) of the activities kept over all conversations; the oldest are dropped first.</summary>
    public long MaxTotalActivityBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Activities kept over all conversations; the oldest are dropped first.</summary>
    public int MaxTotalActivities { get; set; } = 200_000;

    /// <summary>Largest accepted activity from a client; larger ones get 413.</summary>
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>Requests per minute and client (token, or address without one) on the Direct Line routes other than posting and issuing tokens; each address may make four times this over all of them.</summary>
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>Activities posted and tokens issued per minute and client.</summary>
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>The bot's account in self-hosted conversations.</summary>
    public string BotId { get; set; } = "bot";

    /// <summary>The bot's display name in self-hosted conversations.</summary>
    public string BotName { get; set; } = "Bot";

    /// <summary>True when tokens come from Azure Direct Line rather than from this server.</summary>
    public bool UsesAzure => !string.IsNullOrWhiteSpace(Secret);
}
