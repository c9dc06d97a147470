using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Registers the Qdrant passage store: options, HTTP client with resilience, collection, health probe.</summary>
public static class QdrantServiceCollectionExtensions
{
    public const string ProviderKey = "VectorStore:Provider";
    internal const string HttpClientName = "qdrant";
    internal const string HealthHttpClientName = "qdrant-health";

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

        services.AddHttpClient(HttpClientName, (sp, http) => Configure(http, sp.GetRequiredService<IOptions<QdrantOptions>>().Value))
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) => ConfigureResilience(resilience, sp.GetRequiredService<IOptions<QdrantOptions>>().Value));
        services.AddHttpClient(HealthHttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
            Configure(http, options);
            http.Timeout = options.Timeout < TimeSpan.FromSeconds(5) ? options.Timeout : TimeSpan.FromSeconds(5);
        });

        services.AddSingleton(sp => new QdrantRestClient(
            () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<ILogger<QdrantRestClient>>()));
        services.AddSingleton<IPassageStoreHealth>(sp => new QdrantHealthProbe(
            new QdrantRestClient(() => sp.GetRequiredService<IHttpClientFactory>().CreateClient(HealthHttpClientName), sp.GetRequiredService<ILogger<QdrantRestClient>>()),
            sp.GetRequiredService<ILogger<QdrantHealthProbe>>()));
        services.AddSingleton(sp => new QdrantPassageCollection(
            sp.GetRequiredService<QdrantRestClient>(),
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value,
            embedder(sp),
            sp.GetRequiredService<ILogger<QdrantPassageCollection>>()));
        services.AddSingleton<VectorStoreCollection<Guid, PassageRecord>>(sp => sp.GetRequiredService<QdrantPassageCollection>());
        services.AddSingleton<IKeywordHybridSearchable<PassageRecord>>(sp => sp.GetRequiredService<QdrantPassageCollection>());
        return services;
    }

    private static void Configure(HttpClient http, QdrantOptions options)
    {
        http.BaseAddress = options.Endpoint is null ? null : new Uri(options.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        // The resilience handler owns timeouts (per attempt and in total); HttpClient's own must not cut it short.
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            http.DefaultRequestHeaders.Add("api-key", options.ApiKey);
        }
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, QdrantOptions options)
    {
        resilience.AttemptTimeout.Timeout = options.Timeout;
        resilience.Retry.MaxRetryAttempts = options.MaxRetries;
        resilience.Retry.Delay = options.RetryDelay;
        resilience.Retry.UseJitter = true;
        // Worst case: every attempt times out and every backoff doubles, plus slack; the validator of the standard
        // handler wants the total above one attempt and the breaker's window at least twice an attempt.
        var backoff = TimeSpan.FromTicks(options.RetryDelay.Ticks * ((1L << options.MaxRetries) - 1));
        resilience.TotalRequestTimeout.Timeout = (options.Timeout * (options.MaxRetries + 1)) + backoff + TimeSpan.FromSeconds(1);
        var window = options.Timeout * 2;
        resilience.CircuitBreaker.SamplingDuration = window > TimeSpan.FromSeconds(30) ? window : TimeSpan.FromSeconds(30);
    }
}
