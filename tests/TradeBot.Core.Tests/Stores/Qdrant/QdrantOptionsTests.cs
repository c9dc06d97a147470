using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Qdrant;

namespace TradeBot.Core.Tests.Stores.Qdrant;

public sealed class QdrantOptionsTests
{
    [Fact]
    public void Options_FromEnvironmentStyleKeys_BindEverySetting()
    {
        var options = Resolve(new()
        {
            ["VectorStore__Qdrant__Endpoint"] = "http://qdrant:6334",
            ["VectorStore__Qdrant__ApiKey"] = "k",
            ["VectorStore__Qdrant__CollectionName"] = "news_v2",
            ["VectorStore__Qdrant__Timeout"] = "00:00:03",
        });

        Assert.Equal(new Uri("http://qdrant:6334"), options.Endpoint);
        Assert.Equal("k", options.ApiKey);
        Assert.Equal("news_v2", options.CollectionName);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(60, options.RrfK);
    }

    [Fact]
    public void Options_Defaults_CollectionTradeNews()
    {
        Assert.Equal("trade_news", Resolve(new() { ["VectorStore__Qdrant__Endpoint"] = "http://localhost:6334" }).CollectionName);
    }

    [Theory]
    [InlineData(null, "VectorStore:Qdrant:Endpoint is required")]
    [InlineData("localhost:6334", "VectorStore:Qdrant:Endpoint must be an absolute http or https URL")]
    [InlineData("http://localhost:6333", "VectorStore:Qdrant:Endpoint names port 6333, Qdrant's REST port")]
    public void Options_BadEndpoint_FailsAtStartNamingTheSetting(string? endpoint, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["VectorStore__Qdrant__Endpoint"] = endpoint }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VectorStore__Qdrant__CollectionName", "trade/news", "VectorStore:Qdrant:CollectionName")]
    [InlineData("VectorStore__Qdrant__MaxRetries", "-1", "VectorStore:Qdrant:MaxRetries")]
    [InlineData("VectorStore__Qdrant__Timeout", "00:00:00", "VectorStore:Qdrant:Timeout")]
    [InlineData("VectorStore__Qdrant__UpsertBatchSize", "0", "VectorStore:Qdrant:UpsertBatchSize")]
    [InlineData("VectorStore__Qdrant__ShardNumber", "0", "VectorStore:Qdrant:ShardNumber")]
    [InlineData("VectorStore__Qdrant__ReplicationFactor", "0", "VectorStore:Qdrant:ReplicationFactor")]
    public void Options_OutOfRange_FailsNamingTheSetting(string key, string value, string setting)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["VectorStore__Qdrant__Endpoint"] = "http://localhost:6334", [key] = value }));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("embedded", false)]
    [InlineData("qdrant", true)]
    [InlineData("Qdrant", true)]
    public void IsQdrantSelected_ReadsProvider(string? provider, bool expected)
    {
        Assert.Equal(expected, PassageStoreServiceCollectionExtensions.IsQdrantSelected(Configuration(new() { ["VectorStore__Provider"] = provider })));
    }

    [Fact]
    public void IsQdrantSelected_UnknownProvider_FailsNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => PassageStoreServiceCollectionExtensions.IsQdrantSelected(Configuration(new() { ["VectorStore__Provider"] = "mongo" })));

        Assert.Contains("VectorStore:Provider must be 'embedded' or 'qdrant'", error.Message, StringComparison.Ordinal);
    }

    private static QdrantOptions Resolve(Dictionary<string, string?> environment)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddQdrantPassageStore(Configuration(environment), _ => new QdrantEmbedderInfo("e", 4));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<QdrantOptions>>().Value;
    }

    /// <summary>Environment-variable names as Docker passes them, mapped the way the environment-variable provider maps them.</summary>
    private static IConfiguration Configuration(Dictionary<string, string?> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(p => KeyValuePair.Create(p.Key.Replace("__", ":", StringComparison.Ordinal), p.Value)))
            .Build();
}
