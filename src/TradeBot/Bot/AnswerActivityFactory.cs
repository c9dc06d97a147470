using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.BotFramework.WebChat;
using TradeBot.Core.Answers;
using TradeBot.Teams;
using TradeBot.WebChat;

namespace TradeBot.Bot;

/// <summary>
/// Turns an <see cref="Answer"/> into the replies for the inbound activity's channel: the answer (Markdown with
/// <c>[n]</c> markers, the schema.org citation entity in the channel's form, and in Teams the feedback buttons), then the
/// suggested follow-ups as a short message of their own. Kept apart because clients such as the Agents Playground show
/// a message that carries suggested actions as plain text, without Markdown or citations. Teams and Web Chat show the
/// sources from the citation entity, so only other channels (Emulator, the Playground's emulator channel) get the
/// Markdown source list in the text.
/// </summary>
internal static partial class AnswerActivityFactory
{
    public const int MaxSuggestedActions = 3;

    public const string FollowUpText = "You could also ask:";

    public static IReadOnlyList<Activity> Create(Activity inbound, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(answer);
        var reply = IsWebChat(inbound.ChannelId) ? WebChatAnswer(inbound, answer)
            : IsTeams(inbound.ChannelId) ? inbound.CreateReply(answer.Text)
            : inbound.CreateReply(answer.Citations.Count > 0 ? $"{answer.Text}\n\n{SourceList.ToMarkdown(answer.Citations)}" : answer.Text);
        reply.TextFormat = TextFormatTypes.Markdown;
        reply.Entities ??= [AIMessageEntity.Create(answer.Citations.Select(TeamsCitations.ToMessageCitation))];
        if (IsTeams(inbound.ChannelId))
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

    /// <summary>
    /// Web Chat renders the citations itself (markers as buttons, a references list, a dialog per source) from the
    /// reference definitions and its form of the citation entity, so the text carries no list of its own.
    /// </summary>
    private static Activity WebChatAnswer(Activity inbound, Answer answer)
    {
        // With reference definitions, Markdown reads "[1][2]" as one link (text 1, reference 2): keep markers apart.
        var reply = inbound.CreateReply(answer.Citations.Count == 0 ? answer.Text
            : AdjacentMarkers().Replace(answer.Text, "] ") + "\n\n" + SourceList.ToReferenceDefinitions(answer.Citations));
        reply.Entities = [WebChatMessageEntity.Create(answer.Citations.Select(WebChatCitations.ToWebChatCitation))];
        return reply;
    }

    private static bool IsTeams(string? channelId) => string.Equals(channelId, Channels.Msteams, StringComparison.Ordinal);

    private static bool IsWebChat(string? channelId) =>
        string.Equals(channelId, Channels.Webchat, StringComparison.Ordinal) || string.Equals(channelId, Channels.Directline, StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\[\d+)\](?=\[\d+\])")]
    private static partial System.Text.RegularExpressions.Regex AdjacentMarkers();
}
