using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Stores.Qdrant;

namespace TradeBot.Core.Stores;

/// <summary>The passage store, chosen by <c>VectorStore:Provider</c>: the embedded SQLite file (default) or Qdrant.</summary>
public static class PassageStoreServiceCollectionExtensions
{
    public const string ProviderKey = "VectorStore:Provider";

    /// <summary>
    /// Registers exactly one passage store behind <see cref="VectorStoreCollection{TKey,TRecord}"/>,
    /// <see cref="IKeywordHybridSearchable{TRecord}"/> and <see cref="ITermStatisticsSource"/>: the embedded one in
    /// the catalog's own database (also an <see cref="ISearchIndexLoader"/>), or Qdrant with its health check and a local term index that writes keep in step.
    /// </summary>
    public static IServiceCollection AddPassageStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (IsQdrantSelected(configuration))
        {
            services.AddQdrantPassageStore(configuration);
            services.AddSingleton<LocalTermIndex>();
            services.AddSingleton<ITermStatisticsSource>(sp => sp.GetRequiredService<LocalTermIndex>());
            // Ingestion writes through the term index; searches go to Qdrant itself.
            services.AddSingleton<VectorStoreCollection<Guid, PassageRecord>>(sp => new TermIndexedPassageCollection(
                sp.GetRequiredService<QdrantPassageCollection>(), sp.GetRequiredService<LocalTermIndex>()));
        }
        else
        {
            services.AddSingleton(sp => new SqlitePassageCollection(sp.GetRequiredService<LocalDatabase>()));
            services.AddSingleton<VectorStoreCollection<Guid, PassageRecord>>(sp => sp.GetRequiredService<SqlitePassageCollection>());
            services.AddSingleton<IKeywordHybridSearchable<PassageRecord>>(sp => sp.GetRequiredService<SqlitePassageCollection>());
            services.AddSingleton<ITermStatisticsSource>(sp => sp.GetRequiredService<SqlitePassageCollection>());
            services.AddSingleton<ISearchIndexLoader>(sp => sp.GetRequiredService<SqlitePassageCollection>());
        }
        return services;
    }

    /// <summary>
    /// True when <c>VectorStore:Provider</c> is <c>qdrant</c>; false when it is <c>embedded</c> or unset. Any other
    /// value is a configuration error.
    /// </summary>
    public static bool IsQdrantSelected(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[ProviderKey];
        return provider?.Trim().ToLowerInvariant() switch
        {
            null or "" or "embedded" => false,
            "qdrant" => true,
            _ => throw new OptionsValidationException(ProviderKey, typeof(string),
                [$"{ProviderKey} must be 'embedded' or 'qdrant' (environment variable VectorStore__Provider); got '{provider}'."]),
        };
    }

    /// <summary>
    /// The catalog's database file in the data folder. The catalog says what a store holds, so each store has its own:
    /// switching store re-ingests into it.
    /// </summary>
    public static string CatalogFileName(IConfiguration configuration) => IsQdrantSelected(configuration)
        ? $"catalog-qdrant-{configuration[$"{QdrantOptions.SectionName}:CollectionName"] ?? new QdrantOptions().CollectionName}.db"
        : "tradebot.db";
}
