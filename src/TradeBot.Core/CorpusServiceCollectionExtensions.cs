using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Answers;
using TradeBot.Core.Articles;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Ingestion;
using TradeBot.Core.LocalData;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Stores.Qdrant;

namespace TradeBot.Core;

public static class CorpusServiceCollectionExtensions
{
    /// <summary>
    /// Registers the corpus pipeline: reading and ingestion, the built-in embedder, the passage store (embedded, or
    /// Qdrant when <c>VectorStore:Provider</c> is <c>qdrant</c>), hybrid retrieval and the extractive answerer. <paramref name="defaultRoot"/> is the folder whose <c>corpus/</c> and
    /// <c>data/</c> are used when the configuration names none.
    /// </summary>
    public static IServiceCollection AddTradeNewsCorpus(this IServiceCollection services, IConfiguration configuration, string defaultRoot)
    {
        services.AddOptions<CorpusOptions>()
            .Bind(configuration.GetSection(CorpusOptions.SectionName))
            .PostConfigure(o =>
            {
                o.Path = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Path) ? Path.Combine(defaultRoot, "corpus") : o.Path);
                o.DataPath = Path.GetFullPath(string.IsNullOrWhiteSpace(o.DataPath) ? Path.Combine(defaultRoot, "data") : o.DataPath);
            })
            .Validate(o => o.RetentionDays is null or >= 1, "Corpus:RetentionDays must be at least 1 (or unset, to keep every article).")
            .Validate(o => o.WatchDebounce >= TimeSpan.Zero, "Corpus:WatchDebounce must not be negative.")
            .Validate(o => o.RescanInterval >= TimeSpan.FromSeconds(1), "Corpus:RescanInterval must be at least one second (00:00:01).")
            .ValidateOnStart();
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.SectionName))
            .Validate(o => o.RelevanceFloor is >= 0 and <= 1, "Retrieval:RelevanceFloor must be between 0 and 1.")
            .Validate(o => o.Candidates >= 1, "Retrieval:Candidates must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<AnswerOptions>().Bind(configuration.GetSection(AnswerOptions.SectionName))
            .Validate(o => o.MaxClaims >= 1, "Answers:MaxClaims must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<CorpusReaderOptions>().Bind(configuration.GetSection("Corpus:Reader"))
            .Validate(o => o.MaxHtmlDepth >= 1, "Corpus:Reader:MaxHtmlDepth must be at least 1.")
            .ValidateOnStart();

        var useQdrant = QdrantServiceCollectionExtensions.IsQdrantSelected(configuration);
        // The catalog says what a store holds, so each store has its own: switching store re-ingests into it.
        var databaseFile = useQdrant
            ? $"catalog-qdrant-{configuration[$"{QdrantOptions.SectionName}:CollectionName"] ?? new QdrantOptions().CollectionName}.db"
            : "tradebot.db";
        services.AddSingleton(sp => new LocalDatabase(Path.Combine(sp.GetRequiredService<IOptions<CorpusOptions>>().Value.DataPath, databaseFile)));
        services.AddSingleton<SqlitePassageCollection>(sp => new SqlitePassageCollection(sp.GetRequiredService<LocalDatabase>()));
        services.AddSingleton<VectorStoreCollection<Guid, PassageRecord>>(sp => sp.GetRequiredService<SqlitePassageCollection>());
        services.AddSingleton<IKeywordHybridSearchable<PassageRecord>>(sp => sp.GetRequiredService<SqlitePassageCollection>());
        services.AddSingleton<ITermStatisticsSource>(sp => sp.GetRequiredService<SqlitePassageCollection>());
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new HashingEmbeddingGenerator());

        if (useQdrant)
        {
            services.AddSingleton<LocalTermIndex>();
            services.AddSingleton<ITermStatisticsSource>(sp => sp.GetRequiredService<LocalTermIndex>());
            services.AddQdrantPassageStore(configuration);
            services.AddSingleton<VectorStoreCollection<Guid, PassageRecord>>(sp => new TermIndexedPassageCollection(
                sp.GetRequiredService<QdrantPassageCollection>(), sp.GetRequiredService<LocalTermIndex>()));
        }

        services.AddSingleton<ArticleCatalog>();
        services.AddSingleton(sp => new CorpusFileReader(sp.GetRequiredService<IOptions<CorpusReaderOptions>>().Value));
        services.AddSingleton(sp => new CorpusSynchronizer(
            sp.GetRequiredService<VectorStoreCollection<Guid, PassageRecord>>(),
            sp.GetRequiredService<ArticleCatalog>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<CorpusFileReader>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestionStatusStore>();
        services.AddSingleton<CorpusIngestion>();
        services.AddSingleton<CorpusWatcher>();
        services.AddSingleton<IRecencyReference, RecencyReference>();
        services.AddSingleton<PassageRetriever>();
        services.AddSingleton<Microsoft.SemanticKernel.Data.ITextSearch<PassageRecord>, PassageTextSearch>();
        services.AddSingleton<IQuestionAnswerer, ExtractiveAnswerer>();
        services.AddSingleton<ICorpusOverview, CorpusOverview>();
        return services;
    }
}
