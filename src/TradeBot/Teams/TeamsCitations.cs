using TradeBot.BotFramework.Teams;
using TradeBot.Core.Answers;
using TradeBot.Core.Text;

namespace TradeBot.Teams;

/// <summary>Maps a cited article to the Teams citation card: title, link, the quoted passage and the outlet as keyword.</summary>
internal static class TeamsCitations
{
    public static MessageCitation ToMessageCitation(Citation citation)
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

        return new MessageCitation(citation.Number, citation.DisplayTitle, WebLinks.Normalize(citation.Url), citation.Quote, keywords);
    }
}
