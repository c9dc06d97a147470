namespace TradeBot.Suggestions;

/// <summary>Questions to offer: examples for a first visit, and questions close to one the corpus cannot answer.</summary>
internal interface IQuestionSuggester
{
    /// <summary>Questions the corpus answers, varied across its articles (empty while nothing is ingested).</summary>
    Task<IReadOnlyList<string>> ExamplesAsync(CancellationToken cancellationToken = default);

    /// <summary>Two or three questions the corpus answers that are close to <paramref name="question"/>.</summary>
    Task<IReadOnlyList<string>> CloseToAsync(string question, CancellationToken cancellationToken = default);
}
