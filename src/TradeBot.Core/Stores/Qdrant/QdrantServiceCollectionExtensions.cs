using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using Qdrant.Client;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// Registers the Qdrant passage store: options, the official gRPC client, resilient calls, the collection (also as the
/// hybrid search), health check. <see cref="PassageStoreServiceCollectionExtensions.AddPassageStore"/> puts it behind
/// the term index for writes.
/// </summary>
public static class QdrantServiceCollectionExtensions
{
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
        services.AddSingleton(sp => new QdrantHealthCheck(
            sp.GetRequiredService<QdrantClient>(),
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QdrantHealthCheck>>()));
        services.AddHealthChecks().AddCheck<QdrantHealthCheck>(QdrantHealthCheck.Name, tags: [HealthTags.Ready]);
        services.AddSingleton(sp => new QdrantPassageCollection(
            sp.GetRequiredService<QdrantClient>(),
            sp.GetRequiredService<QdrantCalls>(),
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value,
            embedder(sp),
            sp.GetRequiredService<ILogger<QdrantPassageCollection>>()));
        services.AddSingleton<IKeywordHybridSearchable<PassageRecord>>(sp => sp.GetRequiredService<QdrantPassageCollection>());
        return services;
    }
}
