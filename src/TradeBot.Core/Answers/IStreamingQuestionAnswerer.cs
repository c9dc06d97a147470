namespace TradeBot.Core.Answers;

/// <summary>
/// Answers a question as a stream for channels that show text while it is written (Teams streaming, Web Chat):
/// zero or more text chunks, then exactly one final update carrying the validated <see cref="Answer"/>.
/// The final answer's text supersedes the chunks: its citations were checked and it may differ from what was
/// streamed (a marker removed, or the extractive answer after a model failure).
/// </summary>
public interface IStreamingQuestionAnswerer
{
    IAsyncEnumerable<AnswerUpdate> StreamAnswerAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default);
}
