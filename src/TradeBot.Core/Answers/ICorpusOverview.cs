namespace TradeBot.Core.Answers;

public interface ICorpusOverview
{
    Task<CorpusSummary> GetSummaryAsync(CancellationToken cancellationToken = default);
}
