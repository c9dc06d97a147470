using TradeBot.Core.Answers;
using TradeBot.Suggestions;

namespace TradeBot.Tests.Bot;

/// <summary>
/// The suggester of a test host without the corpus pipeline: the corpus overview's example questions as they are, and
/// no questions for a declined one.
/// </summary>
internal sealed class ConfiguredQuestions(ICorpusOverview corpus) : IQuestionSuggester
{
    public async Task<IReadOnlyList<string>> ExamplesAsync(CancellationToken cancellationToken = default) =>
        (await corpus.GetSummaryAsync(cancellationToken)).ExampleQuestions;

    public Task<IReadOnlyList<string>> CloseToAsync(string question, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
