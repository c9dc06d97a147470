namespace TradeBot.Core.Answers;

/// <summary>One step of a streamed answer: a chunk of text, or (last) the final answer with its citations.</summary>
public sealed record AnswerUpdate(string Text, Answer? Final)
{
    public bool IsFinal => Final is not null;

    public static AnswerUpdate Chunk(string text) => new(text, null);

    public static AnswerUpdate Completed(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AnswerUpdate(string.Empty, answer);
    }
}
