using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;
using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Stores;

/// <summary>
/// What every passage store must do, whatever it runs on. A subclass supplies a fresh, empty collection of
/// <see cref="TestEmbeddings.Dimension"/> dimensions; the suite creates it, fills it per test and deletes it.
/// </summary>
public abstract class PassageCollectionContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_march = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private VectorStoreCollection<Guid, PassageRecord>? _collection;

    protected VectorStoreCollection<Guid, PassageRecord> Collection => _collection ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>A new collection, not yet created in the store, named uniquely for this test.</summary>
    protected abstract Task<VectorStoreCollection<Guid, PassageRecord>> CreateCollectionAsync(int dimension);

    public async Task InitializeAsync()
    {
        _collection = await CreateCollectionAsync(TestEmbeddings.Dimension);
        await _collection.EnsureCollectionExistsAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_collection is not null)
        {
            await _collection.EnsureCollectionDeletedAsync();
            _collection.Dispose();
        }
    }

    [ContractFact]
    public async Task CollectionExists_AfterEnsureAndDelete_ReportsState()
    {
        Assert.True(await Collection.CollectionExistsAsync());
        await Collection.EnsureCollectionExistsAsync();
        Assert.True(await Collection.CollectionExistsAsync());
        await Collection.EnsureCollectionDeletedAsync();
        Assert.False(await Collection.CollectionExistsAsync());
        await Collection.EnsureCollectionDeletedAsync();
    }

    [ContractFact]
    public async Task Upsert_ThenGetByKey_ReturnsEveryField()
    {
        var passage = Passages.Create("reuters-0001", 2, "EU and US agree on steel tariff quotas.", "Reuters", new DateTimeOffset(2025, 3, 4, 9, 30, 15, TimeSpan.FromHours(2)));
        await Collection.UpsertAsync(passage);

        var read = await Collection.GetAsync(passage.Id, new RecordRetrievalOptions { IncludeVectors = true });

        Assert.NotNull(read);
        Assert.Equal(passage.Id, read.Id);
        Assert.Equal(passage.ArticleId, read.ArticleId);
        Assert.Equal(passage.Ordinal, read.Ordinal);
        Assert.Equal(passage.Text, read.Text);
        Assert.Equal(passage.Title, read.Title);
        Assert.Equal(passage.Source, read.Source);
        Assert.Equal(passage.Url, read.Url);
        Assert.Equal(passage.Published, read.Published);
        Assert.Equal(passage.StoryId, read.StoryId);
        Assert.Equal(TestEmbeddings.Dimension, read.Embedding.Length);
    }

    [ContractFact]
    public async Task Get_MissingKey_ReturnsNull()
    {
        Assert.Null(await Collection.GetAsync(PassageIds.For("nowhere", 0)));
    }

    [ContractFact]
    public async Task GetByKeys_SomeMissing_ReturnsOnlyExisting()
    {
        var a = Passages.Create("a", 0, "Soybean exports fall.");
        var b = Passages.Create("b", 0, "Steel tariffs rise.");
        await Collection.UpsertAsync([a, b]);

        var read = await Collection.GetAsync([a.Id, PassageIds.For("missing", 0), b.Id]).ToListAsync();

        Assert.Equal([a.Id, b.Id], read.Select(r => r.Id).Order());
    }

    [ContractFact]
    public async Task Upsert_SamePassageTwice_KeepsOneWithLatestText()
    {
        await Collection.UpsertAsync(Passages.Create("a", 0, "First version."));
        await Collection.UpsertAsync(Passages.Create("a", 0, "Second version."));

        var all = await Collection.GetAsync(r => r.ArticleId == "a", 10).ToListAsync();

        var only = Assert.Single(all);
        Assert.Equal("Second version.", only.Text);
    }

    [ContractFact]
    public async Task Delete_ByKeys_RemovesOnlyThose()
    {
        var passages = Enumerable.Range(0, 3).Select(i => Passages.Create("a", i, $"Passage {i} on tariffs.")).ToList();
        await Collection.UpsertAsync(passages);

        await Collection.DeleteAsync([passages[0].Id, passages[2].Id]);

        var left = await Collection.GetAsync(r => r.ArticleId == "a", 10).ToListAsync();
        Assert.Equal(passages[1].Id, Assert.Single(left).Id);
    }

    [ContractFact]
    public async Task GetByFilter_CapturedArticleId_ReturnsThatArticle()
    {
        await Collection.UpsertAsync([Passages.Create("a", 0, "One."), Passages.Create("a", 1, "Two."), Passages.Create("b", 0, "Three.")]);
        var articleId = "a";

        var read = await Collection.GetAsync(r => r.ArticleId == articleId, 10).ToListAsync();

        Assert.Equal(2, read.Count);
        Assert.All(read, r => Assert.Equal("a", r.ArticleId));
    }

    [ContractFact]
    public async Task GetByFilter_EitherOutlet_ReturnsBoth()
    {
        await Collection.UpsertAsync([Passages.Create("a", 0, "One.", "Reuters"), Passages.Create("b", 0, "Two.", "AP"), Passages.Create("c", 0, "Three.", "Politico")]);

        var read = await Collection.GetAsync(r => r.Source == "Reuters" || r.Source == "AP", 10).ToListAsync();

        Assert.Equal(["AP", "Reuters"], read.Select(r => r.Source).Order());
    }

    [ContractFact]
    public async Task GetByFilter_OutletInArrayOrList_ReturnsThoseOutlets()
    {
        await Collection.UpsertAsync([Passages.Create("a", 0, "One.", "Reuters"), Passages.Create("b", 0, "Two.", "AP"), Passages.Create("c", 0, "Three.", "Politico")]);
        string[] array = ["Reuters", "Politico"];
        List<string> list = ["AP"];

        var fromArray = await Collection.GetAsync(r => array.Contains(r.Source), 10).ToListAsync();
        var fromList = await Collection.GetAsync(r => list.Contains(r.Source), 10).ToListAsync();

        Assert.Equal(["Politico", "Reuters"], fromArray.Select(r => r.Source).Order());
        Assert.Equal(["AP"], fromList.Select(r => r.Source));
    }

    [ContractFact]
    public async Task GetByFilter_TopAndSkip_PagesThroughMatches()
    {
        await Collection.UpsertAsync(Enumerable.Range(0, 5).Select(i => Passages.Create("a", i, $"Passage {i}.")));

        var first = await Collection.GetAsync(r => r.ArticleId == "a", 2).ToListAsync();
        var rest = await Collection.GetAsync(r => r.ArticleId == "a", 10, new FilteredRecordRetrievalOptions<PassageRecord> { Skip = 2 }).ToListAsync();

        Assert.Equal(2, first.Count);
        Assert.Equal(3, rest.Count);
        Assert.Empty(first.Select(r => r.Id).Intersect(rest.Select(r => r.Id)));
    }

    [ContractFact]
    public async Task Search_ByVector_ReturnsNearestFirst()
    {
        await Collection.UpsertAsync(
        [
            Passages.Create("steel", 0, "Steel tariffs imposed on imports of steel."),
            Passages.Create("soy", 0, "Soybean farmers face export losses."),
            Passages.Create("chips", 0, "Semiconductor export controls tighten."),
        ]);

        var results = await Collection.SearchAsync(TestEmbeddings.Embed("steel tariffs"), 3).ToListAsync();

        Assert.Equal("steel", results[0].Record.ArticleId);
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [ContractFact]
    public async Task HybridSearch_KeywordOnlyInOnePassage_RanksItFirst()
    {
        await Collection.UpsertAsync(
        [
            Passages.Create("talks-1", 0, "Trade talks between the EU and US resumed on Monday."),
            Passages.Create("talks-2", 0, "Trade talks stalled over agriculture, negotiators said."),
            Passages.Create("soy", 0, "China cut its soybean quota for US growers after the talks."),
            Passages.Create("chips", 0, "Chip export controls were widened."),
        ]);
        var search = (IKeywordHybridSearchable<PassageRecord>)Collection;

        var results = await search.HybridSearchAsync(TestEmbeddings.Embed("trade talks"), [.. TextAnalyzer.Terms("soybean quota")], 4).ToListAsync();

        Assert.Equal("soy", results[0].Record.ArticleId);
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score), "scores are fused RRF scores, higher first");
    }

    [ContractFact]
    public async Task HybridSearch_FilteredByOutlet_ReturnsOnlyThatOutlet()
    {
        await Collection.UpsertAsync(
        [
            Passages.Create("a", 0, "Steel tariffs rise.", "Reuters"),
            Passages.Create("b", 0, "Steel tariffs rise again.", "AP"),
            Passages.Create("c", 0, "Steel tariff talks.", "AP"),
        ]);
        var search = (IKeywordHybridSearchable<PassageRecord>)Collection;
        var outlet = "AP";

        var results = await search.HybridSearchAsync(TestEmbeddings.Embed("steel tariffs"), [.. TextAnalyzer.Terms("steel tariffs")], 10,
            new HybridSearchOptions<PassageRecord> { Filter = r => r.Source == outlet }).ToListAsync();

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("AP", r.Record.Source));
    }

    [ContractFact]
    public async Task HybridSearch_FilteredByDateRange_ReturnsOnlyThatRange()
    {
        await Collection.UpsertAsync(
        [
            Passages.Create("feb", 0, "Steel tariffs announced.", published: s_march.AddMonths(-1)),
            Passages.Create("mar", 0, "Steel tariffs take effect.", published: s_march),
            Passages.Create("apr", 0, "Steel tariffs lifted.", published: s_march.AddMonths(1)),
        ]);
        var search = (IKeywordHybridSearchable<PassageRecord>)Collection;
        var from = s_march.AddDays(-1);
        var to = s_march.AddDays(1);

        var results = await search.HybridSearchAsync(TestEmbeddings.Embed("steel tariffs"), [.. TextAnalyzer.Terms("steel tariffs")], 10,
            new HybridSearchOptions<PassageRecord> { Filter = r => r.Published >= from && r.Published <= to }).ToListAsync();

        Assert.Equal("mar", Assert.Single(results).Record.ArticleId);
    }

    [ContractFact]
    public async Task HybridSearch_NoKeywords_StillRanksByVector()
    {
        await Collection.UpsertAsync([Passages.Create("steel", 0, "Steel tariffs."), Passages.Create("soy", 0, "Soybean exports.")]);
        var search = (IKeywordHybridSearchable<PassageRecord>)Collection;

        var results = await search.HybridSearchAsync(TestEmbeddings.Embed("soybean exports"), Array.Empty<string>(), 2).ToListAsync();

        Assert.Equal("soy", results[0].Record.ArticleId);
    }
}
