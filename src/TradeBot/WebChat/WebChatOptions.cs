namespace TradeBot.WebChat;

/// <summary>Settings of the <c>WebChat</c> section: who may embed the chat page.</summary>
internal sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// CSP <c>frame-ancestors</c> sources allowed to show the page in an iframe, e.g. <c>https://intranet.example.com</c>;
    /// the default allows this site only.
    /// </summary>
    public string[] FrameAncestors { get; set; } = ["'self'"];
}
