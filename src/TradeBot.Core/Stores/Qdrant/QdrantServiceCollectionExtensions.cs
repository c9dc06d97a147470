using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Registers the Qdrant passage store: options, the official gRPC client, resilient calls, collection, health probe.</summary>
public static class QdrantServiceCollectionExtensions
{
    public const string ProviderKey = "VectorStore:Provider";

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
    /// Registers the Qdrant store for the <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> in the container:
    /// its metadata (model id and dimensions) is what the collection records and checks.
    /// </summary>
    public static IServiceCollection AddQdrantPassageStore(this IServiceCollection services, IConfiguration configuration) =>
        services.AddQdrantPassageStore(configuration, sp =>
        {
            var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
            if (metadata?.DefaultModelDimensions is not { } dimension || string.IsNullOrWhiteSpace(metadata.DefaultModelId))
            {
                throw new InvalidOperationException("The Qdrant store needs the embedder's model id and dimension (EmbeddingGeneratorMetadata.DefaultModelId and DefaultModelDimensions); the configured embedder does not report them.");
            }
            return new QdrantEmbedderInfo(metadata.DefaultModelId, dimension);
        });

    public static IServiceCollection AddQdrantPassageStore(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, QdrantEmbedderInfo> embedder)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(embedder);

        services.AddOptions<QdrantOptions>().Bind(configuration.GetSection(QdrantOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QdrantOptions>, QdrantOptionsValidator>();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        // One client (one gRPC channel) for the process. No client-side deadline: QdrantCalls times each attempt
        // on the injected clock and cancels the call, which resets the stream on the server as well.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
            return new QdrantClient(options.Endpoint!, string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey,
                grpcTimeout: default, sp.GetService<ILoggerFactory>());
        });
        services.AddSingleton(sp => new QdrantCalls(
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QdrantCalls>>()));
        services.AddSingleton<IPassageStoreHealth>(sp => new QdrantHealthProbe(
            sp.GetRequiredService<QdrantClient>(),
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QdrantHealthProbe>>()));
        services.AddSingleton(sp => new QdrantPassageCollection(
            sp.GetRequiredService<QdrantClient>(),
            sp.GetRequiredService<QdrantCalls>(),
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value,
            embedder(sp),
            sp.GetRequiredService<ILogger<QdrantPassageCollection>>()));
        services.AddSingleton<VectorStoreCollection<Guid, PassageRecord>>(sp => sp.GetRequiredService<QdrantPassageCollection>());
        services.AddSingleton<IKeywordHybridSearchable<PassageRecord>>(sp => sp.GetRequiredService<QdrantPassageCollection>());
        return services;
    }
}
