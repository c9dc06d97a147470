namespace TradeBot.Bot;

/// <summary>Settings of the <c>TradeNewsBot</c> section.</summary>
internal sealed class TradeNewsBotOptions
{
    public const string SectionName = "TradeNewsBot";

    /// <summary>Longest question answered; longer ones get a polite request to shorten them.</summary>
    public int MaxQuestionLength { get; set; } = 1000;

    /// <summary>Earlier turns of a conversation kept for follow-up questions.</summary>
    public int MemoryTurns { get; set; } = 5;

    /// <summary>A conversation idle for this long starts afresh.</summary>
    public TimeSpan MemoryExpiry { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Conversations remembered at once; the least recently used are forgotten first.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>
    /// Shortest time between two updates of an answer streamed to Teams; text in between is accumulated. Teams takes
    /// about one streaming request per second.
    /// </summary>
    public TimeSpan StreamingInterval { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How often "typing…" is repeated while an answer is prepared (clients hide it after a few seconds).</summary>
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The JSON Lines file that collects feedback votes; a relative path is under <c>Corpus:DataPath</c>.</summary>
    public string FeedbackPath { get; set; } = "feedback.jsonl";

    /// <summary>Longest feedback comment kept, in characters; longer ones are cut.</summary>
    public int MaxFeedbackLength { get; set; } = 2000;

    /// <summary>Feedback votes stored per conversation within <see cref="FeedbackWindow"/>; more are ignored.</summary>
    public int FeedbackPerConversation { get; set; } = 20;

    /// <summary>The window of <see cref="FeedbackPerConversation"/>.</summary>
    public TimeSpan FeedbackWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Size at which the feedback file stops growing; later votes are logged and dropped.</summary>
    public long MaxFeedbackFileBytes { get; set; } = 50L * 1024 * 1024;
}
