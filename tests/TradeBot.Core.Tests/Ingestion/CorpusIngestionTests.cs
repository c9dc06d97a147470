using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Ingestion;

public sealed class CorpusIngestionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task SyncCorpusAsync_CorpusPathIsAJsonLinesFile_IngestsItsArticles()
    {
        var file = _temp.WriteText("wire/articles.jsonl", new JsonLinesBuilder().WithSyntheticArticles(3).Build());
        using var host = new CorpusHost(_temp.Path, new Dictionary<string, string?> { ["Corpus:Path"] = file });
        var ingestion = host.Services.GetRequiredService<CorpusIngestion>();

        var first = await ingestion.SyncCorpusAsync();
        var again = await ingestion.SyncCorpusAsync();

        Assert.Equal((3, 0), (first.Added, first.Failed));
        Assert.Equal((0, 0), (again.Added, again.Removed));
        Assert.True(File.Exists(file));
        Assert.Equal(["a0001", "a0002", "a0003"], (await host.AllPassagesAsync()).Select(p => p.ArticleId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SyncCorpusAsync_CorpusFolderMissing_CreatesItEmpty()
    {
        var folder = _temp.Combine("not-yet");
        using var host = new CorpusHost(_temp.Path, new Dictionary<string, string?> { ["Corpus:Path"] = folder });

        var report = await host.Services.GetRequiredService<CorpusIngestion>().SyncCorpusAsync();

        Assert.True(Directory.Exists(folder));
        Assert.Equal((0, 0), (report.Added, report.Failed));
    }

    public void Dispose() => _temp.Dispose();
}
