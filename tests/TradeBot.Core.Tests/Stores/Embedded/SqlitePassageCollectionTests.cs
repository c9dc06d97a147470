using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores.Embedded;

public sealed class SqlitePassageCollectionTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly SqlitePassageCollection _collection;

    private readonly PassageRecord _steel = PassageBuilder.Passage("steel").WithText("Canada imposed new tariffs on steel imports from Asia.").From("Wire A").PublishedOn(2024, 1, 10).Build();
    private readonly PassageRecord _rice = PassageBuilder.Passage("rice").WithText("Japan lowered rice quotas for the coming harvest season.").From("Wire B").PublishedOn(2024, 2, 20).Build();
    private readonly PassageRecord _chips = PassageBuilder.Passage("chips").WithText("Export controls on advanced chips were tightened again.").From("Wire C").PublishedOn(2024, 3, 30).Build();
    private readonly PassageRecord _undated = PassageBuilder.Passage("undated").WithText("Officials met to discuss fishing rights in the north.").Build();

    public SqlitePassageCollectionTests()
    {
        _collection = new SqlitePassageCollection(new LocalDatabase(_temp.Combine("data", "store.db")));
    }

    [Fact]
    public async Task UpsertAsync_NewRecord_CanBeReadBackByKey()
    {
        await SeedAsync();

        var read = await _collection.GetAsync(_steel.Id);

        Assert.NotNull(read);
        Assert.Equal((_steel.ArticleId, _steel.Ordinal, _steel.Text, _steel.Title, _steel.Source, _steel.Published, _steel.StoryId),
            (read.ArticleId, read.Ordinal, read.Text, read.Title, read.Source, read.Published, read.StoryId));
        Assert.Equal(_steel.Embedding.ToArray(), read.Embedding.ToArray());
        Assert.Null(read.Url);
    }

    [Fact]
    public async Task UpsertAsync_ExistingKey_ReplacesTheRecordAndItsKeywords()
    {
        await SeedAsync();
        var replaced = PassageBuilder.Passage("steel").WithText("Canada withdrew the duties on aluminium.").From("Wire A").Build();

        await _collection.UpsertAsync(replaced);

        Assert.Equal("Canada withdrew the duties on aluminium.", (await _collection.GetAsync(_steel.Id))!.Text);
        Assert.Equal(4, (await AllAsync(r => r.Ordinal >= 0)).Count);
        var hits = await HybridAsync("steel imports", ["steel", "import"]);
        Assert.DoesNotContain(hits, h => h.Record.Text.Contains("steel", StringComparison.Ordinal));
        var statistics = await _collection.GetTermStatisticsAsync();
        Assert.Equal(0, statistics.DocumentFrequency("import"));
        Assert.Equal(1, statistics.DocumentFrequency("aluminium"));
    }

    [Fact]
    public async Task DeleteAsync_Key_RemovesRecordFromReadsAndSearches()
    {
        await SeedAsync();

        await _collection.DeleteAsync(_rice.Id);

        Assert.Null(await _collection.GetAsync(_rice.Id));
        Assert.DoesNotContain(await HybridAsync("rice quotas", ["rice", "quota"]), h => h.Record.Id == _rice.Id);
        Assert.DoesNotContain(await VectorAsync(_rice.Embedding), h => h.Record.Id == _rice.Id);
        Assert.Equal(3, (await _collection.GetTermStatisticsAsync()).DocumentCount);
    }

    [Fact]
    public async Task GetAsync_ManyKeys_ReturnsThoseThatExist()
    {
        await SeedAsync();

        var records = new List<PassageRecord>();
        await foreach (var record in _collection.GetAsync([_rice.Id, PassageIds.For("missing", 0), _chips.Id]))
        {
            records.Add(record);
        }

        Assert.Equal([_rice.Id, _chips.Id], records.Select(r => r.Id));
    }

    [Fact]
    public async Task GetAsync_ArticleIdFilter_ReturnsOnlyThatArticle()
    {
        await SeedAsync();
        var articleId = "steel";

        Assert.Equal(["steel"], await ArticleIdsAsync(r => r.ArticleId == articleId));
    }

    [Fact]
    public async Task GetAsync_SourceFilter_ReturnsOnlyThatOutlet()
    {
        await SeedAsync();

        Assert.Equal(["rice"], await ArticleIdsAsync(r => r.Source == "Wire B"));
    }

    [Fact]
    public async Task GetAsync_PublishedRange_ReturnsDatedRecordsInsideIt()
    {
        await SeedAsync();
        var from = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(["chips", "rice"], await ArticleIdsAsync(r => r.Published >= from));
        Assert.Equal(["rice", "steel"], await ArticleIdsAsync(r => r.Published <= to));
        Assert.Equal(["rice"], await ArticleIdsAsync(r => r.Published >= from && r.Published <= to));
    }

    [Fact]
    public async Task GetAsync_SourceInList_ReturnsRecordsOfThoseOutlets()
    {
        await SeedAsync();
        var outlets = new List<string> { "Wire A", "Wire C", "Nobody" };

        Assert.Equal(["chips", "steel"], await ArticleIdsAsync(r => outlets.Contains(r.Source)));
    }

    [Fact]
    public async Task GetAsync_EmptySourceList_ReturnsNothing()
    {
        await SeedAsync();
        var outlets = new List<string>();

        Assert.Empty(await ArticleIdsAsync(r => outlets.Contains(r.Source)));
    }

    [Fact]
    public async Task GetAsync_OrAndNot_AreTranslated()
    {
        await SeedAsync();

        Assert.Equal(["rice", "steel"], await ArticleIdsAsync(r => r.Source == "Wire A" || r.Source == "Wire B"));
        Assert.Equal(["chips", "rice", "undated"], await ArticleIdsAsync(r => !(r.Source == "Wire A")));
    }

    [Fact]
    public async Task HybridSearchAsync_KeywordMatchingPassage_RanksFirst()
    {
        await SeedAsync();

        var hits = await HybridAsync("Which country put tariffs on steel imports?", ["tariff", "steel", "import"]);

        Assert.Equal(_steel.Id, hits[0].Record.Id);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task HybridSearchAsync_WithFilter_NeverReturnsFilteredOutRecords()
    {
        await SeedAsync();
        var options = new HybridSearchOptions<PassageRecord> { Filter = r => r.Source == "Wire B" };

        var hits = new List<VectorSearchResult<PassageRecord>>();
        await foreach (var hit in _collection.HybridSearchAsync(PassageBuilder.Embed("steel tariffs"), ["steel", "tariff"], 10, options))
        {
            hits.Add(hit);
        }

        Assert.Equal(_rice.Id, Assert.Single(hits).Record.Id);
    }

    [Fact]
    public async Task SearchAsync_Vector_ReturnsTheNearestFirst()
    {
        await SeedAsync();

        var hits = await VectorAsync(_chips.Embedding);

        Assert.Equal(_chips.Id, hits[0].Record.Id);
        Assert.Equal(1.0, hits[0].Score!.Value, 3);
        Assert.All(hits.Skip(1), h => Assert.True(h.Score < hits[0].Score));
    }

    [Fact]
    public async Task SearchAsync_DateFilter_ExcludesUndatedAndOutOfRange()
    {
        await SeedAsync();
        var from = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var options = new VectorSearchOptions<PassageRecord> { Filter = r => r.Published >= from };

        var hits = new List<VectorSearchResult<PassageRecord>>();
        await foreach (var hit in _collection.SearchAsync(_undated.Embedding, 10, options))
        {
            hits.Add(hit);
        }

        Assert.Equal(_chips.Id, Assert.Single(hits).Record.Id);
    }

    [Fact]
    public async Task GetTermStatisticsAsync_AfterUpsert_CountsAnalysedTerms()
    {
        await SeedAsync();

        var statistics = await _collection.GetTermStatisticsAsync();

        Assert.Equal(4, statistics.DocumentCount);
        Assert.Equal(1, statistics.DocumentFrequency("tariff"));
        Assert.Equal(0, statistics.DocumentFrequency("tariffs"));
    }

    [Fact]
    public async Task EnsureCollectionDeletedAsync_RemovesEveryPassage()
    {
        await SeedAsync();

        await _collection.EnsureCollectionDeletedAsync();

        Assert.Empty(await AllAsync(r => r.Ordinal >= 0));
        Assert.Empty(await HybridAsync("steel", ["steel"]));
    }

    [Fact]
    public async Task HybridSearchAsync_EmptyStore_ReturnsNothing()
    {
        Assert.Empty(await HybridAsync("steel tariffs", ["steel", "tariff"]));
        Assert.Empty(await VectorAsync(PassageBuilder.Embed("steel tariffs")));
    }

    public void Dispose() => _temp.Dispose();

    private Task SeedAsync() => _collection.UpsertAsync([_steel, _rice, _chips, _undated]);

    private async Task<List<PassageRecord>> AllAsync(Expression<Func<PassageRecord, bool>> filter)
    {
        var records = new List<PassageRecord>();
        await foreach (var record in _collection.GetAsync(filter, 100))
        {
            records.Add(record);
        }
        return records;
    }

    private async Task<List<string>> ArticleIdsAsync(Expression<Func<PassageRecord, bool>> filter) =>
        [.. (await AllAsync(filter)).Select(r => r.ArticleId).Order(StringComparer.Ordinal)];

    private async Task<List<VectorSearchResult<PassageRecord>>> HybridAsync(string question, string[] keywords)
    {
        var hits = new List<VectorSearchResult<PassageRecord>>();
        await foreach (var hit in _collection.HybridSearchAsync(PassageBuilder.Embed(question), keywords, 10))
        {
            hits.Add(hit);
        }
        return hits;
    }

    private async Task<List<VectorSearchResult<PassageRecord>>> VectorAsync(ReadOnlyMemory<float> vector)
    {
        var hits = new List<VectorSearchResult<PassageRecord>>();
        await foreach (var hit in _collection.SearchAsync(vector, 10))
        {
            hits.Add(hit);
        }
        return hits;
    }
}
