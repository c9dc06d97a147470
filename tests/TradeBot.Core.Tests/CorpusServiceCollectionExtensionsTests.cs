using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradeBot.Core.Answers;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Stores;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests;

/// <summary>
/// The pipeline's registrations (corpus, store, models) each register their services once, so the order they are
/// called in does not matter; paths in settings resolve against the root, never against the working folder.
/// </summary>
public sealed class CorpusServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("embedded", "extractive")]
    [InlineData("qdrant", "openai")]
    public void Registrations_InEitherOrder_RegisterEachKeyServiceOnceAndResolveTheSame(string store, string chat)
    {
        var configuration = Settings(new()
        {
            ["VectorStore:Provider"] = store,
            ["VectorStore:Qdrant:Endpoint"] = "http://127.0.0.1:6334",
            ["Embeddings:Provider"] = "builtin",
            ["Chat:Provider"] = chat,
            ["Chat:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Chat:Model"] = "m",
            ["Chat:ApiKey"] = "k",
        });
        var forward = new ServiceCollection();
        forward.AddLogging().AddTradeNewsCorpus(configuration, _temp.Path).AddPassageStore(configuration).AddTradeNewsModels(configuration);
        var backward = new ServiceCollection();
        backward.AddLogging().AddTradeNewsModels(configuration).AddPassageStore(configuration).AddTradeNewsCorpus(configuration, _temp.Path);

        using var first = forward.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        using var second = backward.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var service in PipelineServices.Key)
        {
            Assert.Single(forward, d => d.ServiceType == service);
            Assert.Single(backward, d => d.ServiceType == service);
            Assert.Equal(first.GetRequiredService(service).GetType(), second.GetRequiredService(service).GetType());
        }
        Assert.Same(first.GetRequiredService<IQuestionAnswerer>(), first.GetRequiredService<IStreamingQuestionAnswerer>());
        Assert.Equal(chat == "extractive", first.GetRequiredService<IQuestionAnswerer>() is ExtractiveAnswerer);
    }

    [Fact]
    public void AddTradeNewsCorpus_RelativePathsInSettings_ResolveAgainstTheRootNotTheWorkingFolder()
    {
        var options = CorpusOptionsFor(new() { ["Corpus:Path"] = "articles", ["Corpus:DataPath"] = Path.Combine("store", "data") });

        Assert.Equal(_temp.Combine("articles"), options.Path);
        Assert.Equal(_temp.Combine("store", "data"), options.DataPath);
    }

    [Fact]
    public void AddTradeNewsCorpus_NoPathsInSettings_CorpusAndDataOfTheRoot()
    {
        var options = CorpusOptionsFor([]);

        Assert.Equal(_temp.Combine("corpus"), options.Path);
        Assert.Equal(_temp.Combine("data"), options.DataPath);
    }

    [Fact]
    public void AddTradeNewsCorpus_AbsolutePathsInSettings_AreKept()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "tradebot-elsewhere");

        var options = CorpusOptionsFor(new() { ["Corpus:Path"] = elsewhere, ["Corpus:DataPath"] = elsewhere });

        Assert.Equal((elsewhere, elsewhere), (options.Path, options.DataPath));
    }

    [Fact]
    public void AddTradeNewsCorpus_RelativeModelAndCachePaths_ResolveAgainstTheRootToo()
    {
        var configuration = Settings(new() { ["Embeddings:Provider"] = "builtin", ["Embeddings:ModelPath"] = "models", ["Embeddings:CachePath"] = Path.Combine("cache", "vectors.db") });
        using var services = new ServiceCollection().AddTradeNewsCorpus(configuration, _temp.Path).AddTradeNewsModels(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;

        Assert.Equal(_temp.Combine("models"), options.ModelPath);
        Assert.Equal(_temp.Combine("cache", "vectors.db"), options.CachePath);
    }

    public void Dispose() => _temp.Dispose();

    private CorpusOptions CorpusOptionsFor(Dictionary<string, string?> settings)
    {
        using var services = new ServiceCollection().AddTradeNewsCorpus(Settings(settings), _temp.Path).BuildServiceProvider();
        return services.GetRequiredService<IOptions<CorpusOptions>>().Value;
    }

    private static IConfiguration Settings(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
