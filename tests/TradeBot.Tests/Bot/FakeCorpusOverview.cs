using TradeBot.Core.Answers;

namespace TradeBot.Tests.Bot;

internal sealed class FakeCorpusOverview : ICorpusOverview
{
    public static readonly CorpusSummary Summary = new(
        1234,
        new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero),
        [
            "What duties did the EU put on Chinese electric vehicles?",
            "How did Canada respond to US steel tariffs?",
            "What is the status of the WTO appellate body?",
            "Which countries signed the CPTPP in 2025?",
        ]);

    public Task<CorpusSummary> GetSummaryAsync(CancellationToken cancellationToken = default) => Task.FromResult(Summary);
}
