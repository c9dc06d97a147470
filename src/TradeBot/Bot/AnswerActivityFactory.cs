using System.Text.Json;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.BotFramework.WebChat;
using TradeBot.Core.Answers;
using TradeBot.Teams;
using TradeBot.WebChat;

namespace TradeBot.Bot;

/// <summary>
/// Turns an <see cref="Answer"/> into the one reply for the inbound activity's channel: Markdown with <c>[n]</c>
/// markers, several claims as a list (<see cref="AnswerLayout"/>), the schema.org citation entity in the channel's
/// form, the feedback buttons, and the suggested questions attached to the answer they follow. Web Chat shows them as
/// its suggested actions (gone once the conversation moves on); other channels get them as a card of buttons on the
/// answer, because clients such as the Agents Playground show a message that carries suggested actions as plain text,
/// without Markdown or citations. Teams and Web Chat show the sources from the citation entity, so only other channels
/// (Emulator, the Playground's emulator channel) get the Markdown source list in the text.
/// </summary>
internal static partial class AnswerActivityFactory
{
    public const int MaxSuggestedActions = 3;

    public const string FollowUpText = "You could also ask";

    /// <param name="inbound">The activity answered.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="feedbackId">The id under which Web Chat's votes on this answer come back (Teams names the message itself).</param>
    public static Activity Create(Activity inbound, Answer answer, string? feedbackId = null)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(answer);
        var names = CitationNames.For(answer.Citations);
        var text = AnswerLayout.ClaimsAsList(answer.Text);
        var webChat = IsWebChat(inbound.ChannelId);
        var reply = webChat ? WebChatAnswer(inbound, answer, text, names, feedbackId)
            : IsTeams(inbound.ChannelId) ? inbound.CreateReply(text)
            : inbound.CreateReply(answer.Citations.Count > 0 ? $"{text}\n\n{SourceList.ToMarkdown(answer.Citations, names)}" : text);
        reply.TextFormat = TextFormatTypes.Markdown;
        reply.Entities ??= [AIMessageEntity.Create(answer.Citations.Select(c => TeamsCitations.ToMessageCitation(c, names[c.Number])))];
        if (IsTeams(inbound.ChannelId))
        {
            reply.ChannelData = TeamsChannelData.FeedbackLoopEnabled();
        }

        if (answer.SuggestedQuestions.Count > 0)
        {
            if (webChat)
            {
                reply.SuggestedActions = Suggested(inbound, answer.SuggestedQuestions);
            }
            else
            {
                reply.Attachments = [QuestionsCard(answer.SuggestedQuestions)];
            }
        }

        return reply;
    }

    /// <summary>A plain-text message whose suggested actions (<c>imBack</c>) ask one of <paramref name="questions"/>.</summary>
    public static Activity WithSuggestedQuestions(Activity inbound, string text, IEnumerable<string> questions)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var message = inbound.CreateReply(text);
        message.SuggestedActions = Suggested(inbound, questions);
        return message;
    }

    private static SuggestedActions Suggested(Activity inbound, IEnumerable<string> questions) => new()
    {
        To = inbound.From?.Id is { } userId ? [userId] : null,
        Actions = [.. questions.Take(MaxSuggestedActions).Select(CardAction.CreateImBack)],
    };

    /// <summary>
    /// An Adaptive Card headed <see cref="FollowUpText"/> with one button per question that asks it
    /// (<c>Action.Submit</c> with <c>{ question }</c>, which comes back as a message whose value names the question).
    /// In a group chat the bot answers such a submission without a mention: it comes from the bot's own card.
    /// </summary>
    private static Attachment QuestionsCard(IEnumerable<string> questions) => new()
    {
        ContentType = "application/vnd.microsoft.card.adaptive",
        Content = JsonSerializer.SerializeToElement(
            new Dictionary<string, object>
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = new[] { new { type = "TextBlock", text = FollowUpText, size = "Small", isSubtle = true, wrap = true } },
                ["actions"] = questions.Take(MaxSuggestedActions).Select(question => new
                {
                    type = "Action.Submit",
                    title = question,
                    data = new { question },
                }).ToArray(),
            },
            ActivitySerializer.Options),
    };

    /// <summary>
    /// Web Chat renders the citations itself (markers as buttons, a references list, a dialog per source) from the
    /// reference definitions and its form of the citation entity, so the text carries no list of its own.
    /// </summary>
    private static Activity WebChatAnswer(Activity inbound, Answer answer, string text, IReadOnlyDictionary<int, string> names, string? feedbackId)
    {
        // With reference definitions, Markdown reads "[1][2]" as one link (text 1, reference 2): keep markers apart.
        var reply = inbound.CreateReply(answer.Citations.Count == 0 ? text
            : AdjacentMarkers().Replace(text, "] ") + "\n\n" + SourceList.ToReferenceDefinitions(answer.Citations, names));
        reply.Entities = [WebChatMessageEntity.Create(answer.Citations.Select(c => WebChatCitations.ToWebChatCitation(c, names[c.Number])), feedbackId: feedbackId)];
        return reply;
    }

    private static bool IsTeams(string? channelId) => string.Equals(channelId, Channels.Msteams, StringComparison.Ordinal);

    public static bool IsWebChat(string? channelId) =>
        string.Equals(channelId, Channels.Webchat, StringComparison.Ordinal) || string.Equals(channelId, Channels.Directline, StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\[\d+)\](?=\[\d+\])")]
    private static partial System.Text.RegularExpressions.Regex AdjacentMarkers();
}
