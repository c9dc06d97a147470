using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TradeBot.Core.Answers;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Evaluation;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>
/// The real corpus pipeline, registered as the application registers it (<c>AddTradeNewsCorpus</c>,
/// <c>AddPassageStore</c>, <c>AddTradeNewsModels</c>) on a data folder of the test's own, with the built-in embedder
/// unless the settings or <c>embedder</c> say otherwise. Two hosts on the same folder share one store, as two runs of
/// the program would.
/// </summary>
internal sealed class CorpusHost : IDisposable
{
    private readonly ServiceProvider _services;

    public CorpusHost(string root, IReadOnlyDictionary<string, string?>? settings = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
        Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Embeddings:Provider"] = EmbeddingOptions.BuiltinProvider })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddTradeNewsCorpus(configuration, root).AddPassageStore(configuration).AddTradeNewsModels(configuration);
        if (embedder is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(embedder));
        }
        configure?.Invoke(services, configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IServiceProvider Services => _services;

    public CorpusSynchronizer Synchronizer => _services.GetRequiredService<CorpusSynchronizer>();

    public SqlitePassageCollection Passages => _services.GetRequiredService<SqlitePassageCollection>();

    public ArticleCatalog Catalog => _services.GetRequiredService<ArticleCatalog>();

    public PassageRetriever Retriever => _services.GetRequiredService<PassageRetriever>();

    public IQuestionAnswerer Answerer => _services.GetRequiredService<IQuestionAnswerer>();

    /// <summary>The evaluation judge over this host's store.</summary>
    public EvalJudge Judge => EvalJudge.Over(Passages);

    /// <summary>Every stored passage of one article, in order.</summary>
    public async Task<IReadOnlyList<PassageRecord>> PassagesOfAsync(string articleId)
    {
        var passages = new List<PassageRecord>();
        await foreach (var passage in Passages.GetAsync(r => r.ArticleId == articleId, int.MaxValue))
        {
            passages.Add(passage);
        }
        return passages;
    }

    /// <summary>Every stored passage.</summary>
    public async Task<IReadOnlyList<PassageRecord>> AllPassagesAsync()
    {
        var passages = new List<PassageRecord>();
        await foreach (var passage in Passages.GetAsync(r => r.Ordinal >= 0, int.MaxValue))
        {
            passages.Add(passage);
        }
        return passages;
    }

    /// <summary>Asks a conversation's questions in turn, each with the earlier turns as history; returns the last answer.</summary>
    public async Task<Answer> AskAsync(params string[] turns)
    {
        var history = new List<ConversationTurn>();
        Answer? answer = null;
        foreach (var question in turns)
        {
            answer = await Answerer.AnswerAsync(question, history);
            history.Add(new ConversationTurn(question, answer));
        }
        return answer ?? throw new ArgumentException("A conversation needs at least one question.", nameof(turns));
    }

    public void Dispose() => _services.Dispose();
}
