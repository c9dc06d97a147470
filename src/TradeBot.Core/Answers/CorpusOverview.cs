using Microsoft.Extensions.Options;
using TradeBot.Core.Ingestion;

namespace TradeBot.Core.Answers;

public sealed class CorpusOverview(ArticleCatalog catalog, IOptions<AnswerOptions> options) : ICorpusOverview
{
    public async Task<CorpusSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        var (count, earliest, latest) = await catalog.SummaryAsync(cancellationToken).ConfigureAwait(false);
        return new CorpusSummary(count, earliest, latest, options.Value.ExampleQuestions);
    }
}
