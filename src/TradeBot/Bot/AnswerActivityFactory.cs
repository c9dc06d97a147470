using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.Core.Answers;
using TradeBot.Teams;

namespace TradeBot.Bot;

/// <summary>
/// Turns an <see cref="Answer"/> into the reply for the inbound activity's channel: Markdown with <c>[n]</c> markers and
/// a source list everywhere, the schema.org citation entity, suggested follow-ups, and the Teams extras in Teams.
/// </summary>
internal static class AnswerActivityFactory
{
    public const int MaxSuggestedActions = 3;

    public static Activity Create(Activity inbound, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer.Citations.Count > 0 ? $"{answer.Text}\n\n{SourceList.ToMarkdown(answer.Citations)}" : answer.Text;
        if (answer.Citations.Count > 0 && IsWebChat(inbound.ChannelId))
        {
            text += "\n\n" + SourceList.ToReferenceDefinitions(answer.Citations);
        }

        var reply = inbound.CreateReply(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        reply.Entities = [AIMessageEntity.Create(answer.Citations.Select(TeamsCitations.ToMessageCitation))];
        if (answer.SuggestedQuestions.Count > 0)
        {
            reply.SuggestedActions = SuggestedQuestions(inbound, answer.SuggestedQuestions);
        }

        if (string.Equals(inbound.ChannelId, Channels.Msteams, StringComparison.Ordinal))
        {
            reply.ChannelData = TeamsChannelData.FeedbackLoopEnabled();
        }

        return reply;
    }

    public static SuggestedActions SuggestedQuestions(Activity inbound, IEnumerable<string> questions) => new()
    {
        To = inbound.From?.Id is { } userId ? [userId] : null,
        Actions = [.. questions.Take(MaxSuggestedActions).Select(CardAction.CreateImBack)],
    };

    private static bool IsWebChat(string? channelId) =>
        string.Equals(channelId, Channels.Webchat, StringComparison.Ordinal) || string.Equals(channelId, Channels.Directline, StringComparison.Ordinal);
}
