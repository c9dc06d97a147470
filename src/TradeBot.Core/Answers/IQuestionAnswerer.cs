namespace TradeBot.Core.Answers;

/// <summary>Answers a question from the corpus, using the earlier turns of the conversation for follow-ups.</summary>
public interface IQuestionAnswerer
{
    Task<Answer> AnswerAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default);
}
