namespace TradeBot.Core.Stores;

public interface ITermStatisticsSource
{
    Task<TermStatistics> GetTermStatisticsAsync(CancellationToken cancellationToken = default);
}
