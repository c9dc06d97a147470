using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.Stores.Qdrant.Support;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Stores.Qdrant;

/// <summary>
/// The whole pipeline with <c>VectorStore:Provider=qdrant</c>, against the spec-checking stand-in: ingest into Qdrant
/// after the embedded store already holds the corpus, re-ingest, answer.
/// </summary>
public sealed class QdrantPipelineTests
{
    [Fact]
    public async Task Pipeline_OnQdrant_AnswersLikeTheEmbeddedStore()
    {
        await using var standIn = await QdrantStandIn.StartAsync();
        using var temp = new TempFolder();
        var corpus = SeedCorpus.CopyTo(temp);
        // One data folder for both, as when a user switches the provider: each store keeps its own catalog.
        using var embedded = new CorpusHost(temp.Path);
        using var qdrant = new CorpusHost(temp.Path, new Dictionary<string, string?>
        {
            ["VectorStore:Provider"] = "qdrant",
            ["VectorStore:Qdrant:Endpoint"] = standIn.Endpoint.ToString(),
            ["VectorStore:Qdrant:CollectionName"] = "pipeline",
        });

        await embedded.Synchronizer.SyncAsync([corpus]);
        var first = await qdrant.Synchronizer.SyncAsync([corpus]);
        var again = await qdrant.Synchronizer.SyncAsync([corpus]);

        var store = Assert.IsType<TermIndexedPassageCollection>(qdrant.Services.GetRequiredService<Microsoft.Extensions.VectorData.VectorStoreCollection<Guid, PassageRecord>>());
        Assert.IsType<QdrantPassageCollection>(store.Inner);
        Assert.IsType<LocalTermIndex>(qdrant.Services.GetRequiredService<ITermStatisticsSource>());
        Assert.Equal(2, first.Added);
        Assert.True(again.WroteNothing);
        foreach (var question in new[] { "What tariff did the US impose on Chinese imports?", "What did China urge the United States to cancel?", "What is the capital of France?" })
        {
            var fromQdrant = await qdrant.AskAsync(question);
            var fromEmbedded = await embedded.AskAsync(question);
            Assert.Equal(fromEmbedded.Answered, fromQdrant.Answered);
            Assert.Equal(fromEmbedded.Citations.Select(c => c.ArticleId).Order(), fromQdrant.Citations.Select(c => c.ArticleId).Order());
        }
        Assert.Contains("145", (await qdrant.AskAsync("What tariff did the US impose on Chinese imports?")).Text, StringComparison.Ordinal);
        Assert.Empty(standIn.Violations);
    }
}
