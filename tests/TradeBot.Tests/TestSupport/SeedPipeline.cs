using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core;
using TradeBot.Core.Stores;
using TradeBot.Hosting;
using TradeBot.Suggestions;

namespace TradeBot.Tests.TestSupport;

/// <summary>
/// The real corpus pipeline for a test host, as the server registers it, on a temporary folder whose corpus/ holds the
/// repository's seed articles (linked into the test output); the corpus is ingested at start.
/// </summary>
internal sealed class SeedPipeline : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "tradebot-pipeline-" + Guid.NewGuid().ToString("N"));

    public SeedPipeline()
    {
        var corpus = Path.Combine(Root, "corpus");
        Directory.CreateDirectory(corpus);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Data", "seeds"), "*.txt"))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        }
    }

    public void Register(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().Build();
        services.AddTradeNewsCorpus(configuration, Root);
        services.AddPassageStore(configuration);
        services.AddTradeNewsModels(configuration);
        services.AddCorpusSync();
        services.AddCorpusQuestions();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
