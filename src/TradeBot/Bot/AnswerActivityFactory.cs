using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.Core.Answers;
using TradeBot.Teams;

namespace TradeBot.Bot;

/// <summary>
/// Turns an <see cref="Answer"/> into the replies for the inbound activity's channel: the answer (Markdown with
/// <c>[n]</c> markers and a source list, the schema.org citation entity, and in Teams the feedback buttons), then the
/// suggested follow-ups as a short message of their own. Kept apart because clients such as the Agents Playground show
/// a message that carries suggested actions as plain text, without Markdown or citations.
/// </summary>
internal static partial class AnswerActivityFactory
{
    public const int MaxSuggestedActions = 3;

    public const string FollowUpText = "You could also ask:";

    public static IReadOnlyList<Activity> Create(Activity inbound, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer.Citations.Count > 0 ? $"{answer.Text}\n\n{SourceList.ToMarkdown(answer.Citations)}" : answer.Text;
        if (answer.Citations.Count > 0 && IsWebChat(inbound.ChannelId))
        {
            // With reference definitions, Markdown reads "[1][2]" as one link (text 1, reference 2): keep markers apart.
            text = AdjacentMarkers().Replace(text, "] ") + "\n\n" + SourceList.ToReferenceDefinitions(answer.Citations);
        }

        var reply = inbound.CreateReply(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        reply.Entities = [AIMessageEntity.Create(answer.Citations.Select(TeamsCitations.ToMessageCitation))];
        if (string.Equals(inbound.ChannelId, Channels.Msteams, StringComparison.Ordinal))
        {
            reply.ChannelData = TeamsChannelData.FeedbackLoopEnabled();
        }

        return answer.SuggestedQuestions.Count > 0 ? [reply, SuggestedQuestions(inbound, FollowUpText, answer.SuggestedQuestions)] : [reply];
    }

    /// <summary>A short message whose suggested actions (<c>imBack</c>) ask one of <paramref name="questions"/>.</summary>
    public static Activity SuggestedQuestions(Activity inbound, string text, IEnumerable<string> questions)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var message = inbound.CreateReply(text);
        message.SuggestedActions = new SuggestedActions
        {
            To = inbound.From?.Id is { } userId ? [userId] : null,
            Actions = [.. questions.Take(MaxSuggestedActions).Select(CardAction.CreateImBack)],
        };
        return message;
    }

    private static bool IsWebChat(string? channelId) =>
        string.Equals(channelId, Channels.Webchat, StringComparison.Ordinal) || string.Equals(channelId, Channels.Directline, StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\[\d+)\](?=\[\d+\])")]
    private static partial System.Text.RegularExpressions.Regex AdjacentMarkers();
}
