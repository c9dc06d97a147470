using TradeBot.Core.Answers;

namespace TradeBot.Suggestions;

/// <summary>
/// The suggester when no corpus pipeline is registered (a host with another answerer): the corpus overview's example
/// questions as they are, and no questions for a declined one.
/// </summary>
internal sealed class ConfiguredQuestions(ICorpusOverview corpus) : IQuestionSuggester
{
    public async Task<IReadOnlyList<string>> ExamplesAsync(CancellationToken cancellationToken = default) =>
        (await corpus.GetSummaryAsync(cancellationToken)).ExampleQuestions;

    public Task<IReadOnlyList<string>> CloseToAsync(string question, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
