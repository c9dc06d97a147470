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

namespace TradeBot.Core;

public static class CorpusServiceCollectionExtensions
{
    /// <summary>
    /// Registers the corpus pipeline: reading, ingestion into the catalog and the passage store, hybrid retrieval. The
    /// store (<see cref="PassageStoreServiceCollectionExtensions.AddPassageStore"/>) and the embedder and answerer
    /// (<see cref="ModelServiceCollectionExtensions.AddTradeNewsModels"/>) are registered by their own methods, in any
    /// order. <paramref name="defaultRoot"/> is the folder whose <c>corpus/</c> and <c>data/</c> are used when the
    /// configuration names none, and against which relative <c>Corpus:Path</c>, <c>Corpus:DataPath</c>,
    /// <c>Embeddings:ModelPath</c> and <c>Embeddings:CachePath</c> resolve.
    /// </summary>
    public static IServiceCollection AddTradeNewsCorpus(this IServiceCollection services, IConfiguration configuration, string defaultRoot)
    {
        var root = Path.GetFullPath(defaultRoot);
        services.AddOptions<CorpusOptions>()
            .Bind(configuration.GetSection(CorpusOptions.SectionName))
            .PostConfigure(o =>
            {
                o.Path = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Path) ? "corpus" : o.Path, root);
                o.DataPath = Path.GetFullPath(string.IsNullOrWhiteSpace(o.DataPath) ? "data" : o.DataPath, root);
            })
            .Validate(o => o.RetentionDays is null or >= 1, "Corpus:RetentionDays must be at least 1 (or unset, to keep every article).")
            .Validate(o => o.WatchDebounce >= TimeSpan.Zero, "Corpus:WatchDebounce must not be negative.")
            .Validate(o => o.RescanInterval >= TimeSpan.FromSeconds(1), "Corpus:RescanInterval must be at least one second (00:00:01).")
            .ValidateOnStart();
        // The model's folder and the vector cache are data paths too: relative ones resolve against the same root.
        services.PostConfigure<EmbeddingOptions>(o =>
        {
            o.ModelPath = string.IsNullOrWhiteSpace(o.ModelPath) ? o.ModelPath : Path.GetFullPath(o.ModelPath, root);
            o.CachePath = string.IsNullOrWhiteSpace(o.CachePath) ? o.CachePath : Path.GetFullPath(o.CachePath, root);
        });
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

        var databaseFile = PassageStoreServiceCollectionExtensions.CatalogFileName(configuration);
        services.AddSingleton(sp => new LocalDatabase(Path.Combine(sp.GetRequiredService<IOptions<CorpusOptions>>().Value.DataPath, databaseFile)));

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
        services.AddSingleton<ICorpusOverview, CorpusOverview>();
        return services;
    }
}
