using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Stores;

namespace TradeBot.Bench;

/// <summary>
/// The application's corpus pipeline on the embedded store in <c>root</c>, with the built-in embedder, so that the
/// store and the answerer are measured rather than the model.
/// </summary>
internal static class BenchServices
{
    public static ServiceProvider Create(string root)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Embeddings:Provider"] = EmbeddingOptions.BuiltinProvider })
            .Build();
        return new ServiceCollection()
            .AddTradeNewsCorpus(configuration, root)
            .AddPassageStore(configuration)
            .AddTradeNewsModels(configuration)
            .BuildServiceProvider();
    }
}
