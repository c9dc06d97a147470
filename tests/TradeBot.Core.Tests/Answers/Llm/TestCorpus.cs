using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradeBot.Core.Answers;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Tests.Answers.Llm;

/// <summary>
/// A corpus in a temporary folder, ingested into its own embedded store, with the services built from the same
/// registrations as the application (<c>AddTradeNewsCorpus</c>, <c>AddPassageStore</c>, <c>AddTradeNewsModels</c>) and the given settings.
/// </summary>
internal sealed class TestCorpus : IAsyncDisposable
{
    public const string ApiKey = "sk-test-secret-0123456789";

    private readonly string _root;

    private TestCorpus(string root, ServiceProvider services, CollectingLoggerProvider logs)
    {
        _root = root;
        Services = services;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public CollectingLoggerProvider Logs { get; }

    public IQuestionAnswerer Answerer => Services.GetRequiredService<IQuestionAnswerer>();

    public IStreamingQuestionAnswerer StreamingAnswerer => Services.GetRequiredService<IStreamingQuestionAnswerer>();

    /// <summary>
    /// Three trade articles (US tariffs, China's reply, EU steel), plus <paramref name="extra"/> (file name → text);
    /// <paramref name="configure"/> may replace registrations after the application's own.
    /// </summary>
    public static async Task<TestCorpus> CreateAsync(IDictionary<string, string?> settings, IDictionary<string, string>? extra = null,
        Action<IServiceCollection>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "tradebot-llm-" + Guid.NewGuid().ToString("N"));
        var corpus = Path.Combine(root, "corpus");
        Directory.CreateDirectory(corpus);
        foreach (var (name, text) in Articles.Concat(extra ?? new Dictionary<string, string>()))
        {
            await File.WriteAllTextAsync(Path.Combine(corpus, name), text);
        }
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Corpus:Path"] = corpus, ["Corpus:DataPath"] = Path.Combine(root, "data") })
            .AddInMemoryCollection(settings)
            .Build();
        var logs = new CollectingLoggerProvider();
        var collection = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddTradeNewsCorpus(configuration, root)
            .AddPassageStore(configuration)
            .AddTradeNewsModels(configuration);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await services.GetRequiredService<CorpusIngestion>().SyncCorpusAsync();
        return new TestCorpus(root, services, logs);
    }

    /// <summary>Settings for the language-model answerer against <paramref name="endpoint"/>.</summary>
    public static Dictionary<string, string?> Llm(Uri endpoint, double timeoutSeconds = 20) => new()
    {
        ["Chat:Provider"] = "openai",
        ["Chat:Endpoint"] = endpoint.ToString(),
        ["Chat:Model"] = "stub-model",
        ["Chat:ApiKey"] = ApiKey,
        ["Chat:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chat:MaxRetries"] = "1",
        ["Chat:MaxRetryDelaySeconds"] = "2",
    };

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a temporary folder left behind is harmless
        }
    }

    private static readonly Dictionary<string, string> Articles = new()
    {
        ["us-tariffs.txt"] = """
            ---
            title: "US raises tariffs on Chinese imports to 145%"
            published: 2025-04-10
            source: Test Wire
            url: https://example.test/us-tariffs
            ---
            The United States raised tariffs on Chinese imports to 145% on Thursday. The White House said the tariffs would stay until Beijing changed its trade practices.

            Importers warned that prices of electronics and toys would rise as the new tariffs took effect.
            """,
        ["china-retaliates.txt"] = """
            ---
            title: "China retaliates with 125% duties on American goods"
            published: 2025-04-11
            source: Test Wire
            url: https://example.test/china-retaliates
            ---
            China imposed 125% duties on American goods in retaliation for the US tariffs. The Commerce Ministry in Beijing said it would fight the tariffs to the end.

            Chinese officials said talks with Washington were possible only on an equal footing.
            """,
        ["eu-steel.txt"] = """
            ---
            title: "EU extends steel safeguards"
            published: 2025-03-02
            source: Other Wire
            ---
            The European Union extended its steel safeguard quotas for two more years. Brussels said imports of steel from Asia had surged.
            """,
    };
}
