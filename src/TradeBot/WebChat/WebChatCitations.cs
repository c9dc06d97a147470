using System.Text;
using TradeBot.Bot;
using TradeBot.BotFramework.WebChat;
using TradeBot.Core.Answers;
using TradeBot.Core.Text;

namespace TradeBot.WebChat;

/// <summary>
/// Maps a cited article to Web Chat's citation dialog: the title as its header, then the quoted passage, the outlet
/// and date, and a link to the article when it has a web address. All article text is escaped, since Web Chat renders
/// the dialog's Markdown with HTML enabled.
/// </summary>
internal static class WebChatCitations
{
    private const int MaxAbstractLength = 300;

    /// <param name="citation">The source.</param>
    /// <param name="name">Its name in this answer (<see cref="CitationNames"/>), the dialog's header.</param>
    public static WebChatCitation ToWebChatCitation(Citation citation, string name)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var text = new StringBuilder();
        text.Append("> ").Append(MarkdownText.Escape(citation.Quote)).Append("\n\n");
        var details = SourceList.Details(citation);
        if (details.Length > 0)
        {
            text.Append(details).Append("\n\n");
        }
        if (WebLinks.Normalize(citation.Url) is { } url)
        {
            text.Append("[Read the article](").Append(MarkdownText.LinkDestination(url)).Append(')');
        }

        var quote = citation.Quote.Length <= MaxAbstractLength ? citation.Quote : string.Concat(citation.Quote.AsSpan(0, MaxAbstractLength - 1), "…");
        return new WebChatCitation(citation.Number, name, quote, text.ToString().TrimEnd());
    }
}
