using Microsoft.Extensions.Logging;

namespace TradeBot.Bot;

internal static partial class TradeNewsBotLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Question in {ConversationId}: {Question}")]
    public static partial void Question(ILogger logger, string? conversationId, string question);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Answered in {ConversationId}: answered={Answered}, {CitationCount} citations, {HistoryTurns} earlier turns")]
    public static partial void Answered(ILogger logger, string? conversationId, bool answered, int citationCount, int historyTurns);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Ignored a group message in {ConversationId} that does not mention the bot")]
    public static partial void NotMentioned(ILogger logger, string? conversationId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Question of {Length} characters refused in {ConversationId}")]
    public static partial void QuestionTooLong(ILogger logger, string? conversationId, int length);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Feedback {Reaction} on {RatedActivityId} in {ConversationId}")]
    public static partial void Feedback(ILogger logger, string reaction, string? ratedActivityId, string? conversationId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Feedback comment: {Comment}")]
    public static partial void FeedbackComment(ILogger logger, string comment);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Welcomed {Key}")]
    public static partial void Welcomed(ILogger logger, string key);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "The article search failed in {ConversationId}; told the user it is unavailable")]
    public static partial void SearchUnavailable(ILogger logger, string? conversationId, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Streamed an answer in {ConversationId}: {Updates} updates, an update refused={Failed}, stopped by the user={Cancelled}")]
    public static partial void Streamed(ILogger logger, string? conversationId, int updates, bool failed, bool cancelled);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Feedback in {ConversationId} ignored: over TradeNewsBot:FeedbackPerConversation, or not a like or dislike")]
    public static partial void FeedbackIgnored(ILogger logger, string? conversationId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Feedback dropped: {Path} has reached TradeNewsBot:MaxFeedbackFileBytes ({MaxBytes} bytes); move it away or raise the limit")]
    public static partial void FeedbackFileFull(ILogger logger, string path, long maxBytes);
}
