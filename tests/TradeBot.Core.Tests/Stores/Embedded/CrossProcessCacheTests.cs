using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores.Embedded;

/// <summary>
/// A server caches the vector index and term statistics; another process (a CLI ingest) writing into the same data
/// folder must be noticed at the next question, without a restart. Two hosts on one folder are the two processes.
/// </summary>
public sealed class CrossProcessCacheTests : IDisposable
{
    private const string Question = "What tariff did Ruritania impose on bicycles?";

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Answer_AfterAnotherProcessIngests_UsesTheNewArticles()
    {
        var corpus = SeedCorpus.CopyTo(_temp);
        using var server = new CorpusHost(_temp.Path);
        await server.Synchronizer.SyncAsync([corpus]);
        var before = await server.AskAsync(Question); // fills the server's caches
        var article = _temp.WriteText("more/ruritania.txt", ArticleFileBuilder.Article()
            .WithTitle("Ruritania raises tariffs on bicycles")
            .WithParagraph("Ruritania imposed a 15% tariff on imported bicycles on Monday. The 15% bicycle tariff takes effect in 30 days.")
            .Build());

        using (var cli = new CorpusHost(_temp.Path))
        {
            Assert.Equal(1, (await cli.Synchronizer.SyncAsync([article])).Added);
        }
        var after = await server.AskAsync(Question);

        Assert.False(before.Answered);
        Assert.True(after.Answered);
        Assert.Contains("15%", after.Text, StringComparison.Ordinal);
        Assert.Equal((await server.AllPassagesAsync()).Count, (await server.Passages.GetTermStatisticsAsync()).DocumentCount);
    }

    public void Dispose() => _temp.Dispose();
}
