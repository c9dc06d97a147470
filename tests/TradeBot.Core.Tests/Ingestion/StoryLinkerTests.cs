using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion;

public sealed class StoryLinkerTests(SeedStoreFixture seeds) : IClassFixture<SeedStoreFixture>
{
    [Fact]
    public async Task Sync_TwoOutletsTellingTheSameStory_ShareAStory()
    {
        // The seed articles report the same day's news in different words; one has a date, the other none.
        var undated = await seeds.Host.Catalog.GetAsync(SeedCorpus.UndatedFile);
        var dated = await seeds.Host.Catalog.GetAsync(SeedCorpus.DatedFile);

        Assert.NotNull(undated);
        Assert.NotNull(dated);
        Assert.Equal(undated.StoryId, dated.StoryId);
    }

    [Fact]
    public async Task Sync_UnrelatedArticle_StartsItsOwnStory()
    {
        using var temp = new TempFolder();
        var corpus = SeedCorpus.CopyTo(temp);
        temp.WriteText("corpus/football.txt", "---\ntitle: Cup final\npublished: 2025-05-02\n---\nThe home side won the cup final 3-1 after extra time. The striker scored twice in front of a sold-out stadium.\n");
        using var host = new CorpusHost(temp.Path);

        await host.Synchronizer.SyncAsync([corpus]);

        var football = await host.Catalog.GetAsync("football.txt");
        Assert.NotNull(football);
        Assert.Equal("football.txt", football.StoryId);
    }
}
