namespace TradeBot.Core.Answers;

public sealed class AnswerOptions
{
    public const string SectionName = "Answers";

    /// <summary>Claims in one answer at most.</summary>
    public int MaxClaims { get; set; } = 3;

    /// <summary>A further claim must score at least this share of the best one.</summary>
    public double ClaimScoreRatio { get; set; } = 0.7;

    /// <summary>Earlier questions of a conversation used for follow-ups.</summary>
    public int ContextTurns { get; set; } = 2;

    public string NotCoveredText { get; set; } =
        "I couldn't find an answer to that in the news articles I have, so I won't guess. Try asking about tariffs, trade talks or trade disputes they cover.";

    /// <summary>Shown when someone first meets the bot.</summary>
    public List<string> ExampleQuestions { get; set; } =
    [
        "What tariffs has the US imposed on Chinese imports?",
        "How did China respond to the tariffs?",
        "Are the US and China holding trade talks?",
    ];
}
