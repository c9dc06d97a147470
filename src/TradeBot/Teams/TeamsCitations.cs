using TradeBot.BotFramework.Teams;
using TradeBot.Core.Answers;
using TradeBot.Core.Text;

namespace TradeBot.Teams;

/// <summary>Maps a cited article to the Teams citation card: title, link, the quoted passage and the outlet as keyword.</summary>
internal static class TeamsCitations
{
    /// <param name="citation">The source.</param>
    /// <param name="name">Its name in this answer (<see cref="Bot.CitationNames"/>).</param>
    public static MessageCitation ToMessageCitation(Citation citation, string name)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var keywords = new List<string>();
        if (citation.Source.Length > 0)
        {
            keywords.Add(citation.Source);
        }
        if (citation.Published is { } published)
        {
            keywords.Add(Bot.SourceList.FormatDate(published));
        }

        return new MessageCitation(citation.Number, name, WebLinks.Normalize(citation.Url), citation.Quote, keywords);
    }
}
