using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Polly;
using TradeBot.Core.Answers;
using TradeBot.Core.Answers.Llm;
using TradeBot.Core.Embeddings;
using Embedder = Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>;

namespace TradeBot.Core;

public static class ModelServiceCollectionExtensions
{
    internal const string ChatHttpClientName = "tradebot-chat";

    /// <summary>
    /// Registers the models chosen by configuration, once each: the embedder (<c>Embeddings:Provider</c>:
    /// <c>arctic</c> by default, <c>builtin</c>, <c>onnx</c> or <c>openai</c>; a model other than the built-in one is
    /// cached, and another model id makes the next sync re-embed every article) and the answerer behind
    /// <see cref="IQuestionAnswerer"/> and <see cref="IStreamingQuestionAnswerer"/> (<c>Chat:Provider</c>:
    /// <c>extractive</c> by default, or a language model that falls back to it). The settings are validated at start
    /// (or on first use outside a host), with messages that name the setting to fix.
    /// </summary>
    public static IServiceCollection AddTradeNewsModels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        AddEmbedder(services, configuration);
        AddAnswerer(services, configuration);
        return services;
    }

    private static void AddEmbedder(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());
        var provider = (configuration.GetSection(EmbeddingOptions.SectionName).Get<EmbeddingOptions>() ?? new EmbeddingOptions()).Provider.ToLowerInvariant();
        Func<IServiceProvider, Embedder> embedder = provider switch
        {
            EmbeddingOptions.ArcticProvider => sp => Cached(sp, new ArcticEmbeddingGenerator(sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value.BatchSize)),
            EmbeddingOptions.OnnxProvider => sp => Cached(sp, CreateOnnxEmbedder(sp)),
            EmbeddingOptions.OpenAIProvider => sp => Cached(sp, CreateOpenAIEmbedder(sp)),
            // The built-in embedder costs less than a cache lookup; an unknown provider fails validation at start.
            _ => _ => new HashingEmbeddingGenerator(),
        };
        services.AddSingleton(embedder);
        if (provider == EmbeddingOptions.ArcticProvider)
        {
            services.PostConfigure<Retrieval.RetrievalOptions>(o => o.MinSimilarity ??= ArcticEmbeddingGenerator.RelevantSimilarity);
        }
    }

    private static void AddAnswerer(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>());
        services.AddSingleton<ExtractiveAnswerer>();
        if ((configuration.GetSection(ChatOptions.SectionName).Get<ChatOptions>() ?? new ChatOptions()).UsesModel)
        {
            services.AddMetrics();
            services.AddSingleton<LlmMetrics>();
            AddChatHttpClient(services);
            services.AddSingleton<IChatCompletionService>(CreateChatService);
            services.AddSingleton<LlmAnswerer>();
            services.AddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<LlmAnswerer>());
            services.AddSingleton<IStreamingQuestionAnswerer>(sp => sp.GetRequiredService<LlmAnswerer>());
        }
        else
        {
            services.AddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<ExtractiveAnswerer>());
            services.AddSingleton<IStreamingQuestionAnswerer>(sp => sp.GetRequiredService<ExtractiveAnswerer>());
        }
    }

    private static CachedEmbeddingGenerator Cached(IServiceProvider services, Embedder model)
    {
        var path = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.CachePath;
        return new CachedEmbeddingGenerator(model, new EmbeddingCache(string.IsNullOrWhiteSpace(path)
            ? Path.Combine(services.GetRequiredService<IOptions<CorpusOptions>>().Value.DataPath, "embedding-cache.db")
            : path));
    }

    private static OnnxEmbeddingGenerator CreateOnnxEmbedder(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        return new OnnxEmbeddingGenerator(options.ModelPath!, options.MaxTokens, options.BatchSize, options.LowerCase);
    }

    private static Embedder CreateOpenAIEmbedder(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        var httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(100) };
        return Microsoft.Extensions.AI.OpenAIClientExtensions.AsIEmbeddingGenerator(
            OpenAIClients.Create(options.Endpoint!, options.ApiKey, httpClient).GetEmbeddingClient(options.Model!), options.Dimensions);
    }

    /// <summary>
    /// The chat model's HttpClient: Microsoft.Extensions.Http.Resilience's retry, which waits what the 429 asks for
    /// (<c>retry-after-ms</c> or <c>Retry-After</c>) on the container's clock, retries only 429 and only while that wait is within
    /// <c>Chat:MaxRetryDelaySeconds</c> (other failures give the extractive answer at once), at most
    /// <c>Chat:MaxRetries</c> times. The SDKs' own retries are off; the answerer bounds each call with
    /// <c>Chat:TimeoutSeconds</c>, so the client has no timeout of its own.
    /// </summary>
    private static void AddChatHttpClient(IServiceCollection services)
    {
        services.AddHttpClient(ChatHttpClientName, http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddResilienceHandler("rate-limit-retry", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ChatOptions>>().Value;
                if (options.MaxRetries == 0)
                {
                    return;
                }
                var timeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<LlmAnswerer>();
                var longest = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    // The wait is read here rather than by ShouldRetryAfterHeader, whose HTTP-date form counts from the
                    // system clock instead of the pipeline's, and which does not know OpenAI's retry-after-ms.
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result is { } response ? RequestedWait(response, timeProvider.GetUtcNow()) : null),
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests } response
                        && RequestedWait(response, timeProvider.GetUtcNow()) <= longest),
                    OnRetry = args =>
                    {
                        LlmLog.RetryingAfter(logger, args.RetryDelay, args.AttemptNumber + 1, options.MaxRetries);
                        return default;
                    },
                });
            });
    }

    /// <summary>
    /// The wait a 429 asks for: <c>retry-after-ms</c> (OpenAI, Azure OpenAI), else <c>Retry-After</c> in seconds or as
    /// an HTTP date, else one second.
    /// </summary>
    private static TimeSpan RequestedWait(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => TimeSpan.FromSeconds(1),
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static IChatCompletionService CreateChatService(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ChatOptions>>().Value;
        var loggerFactory = services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var httpClient = services.GetRequiredService<IHttpClientFactory>().CreateClient(ChatHttpClientName);
        return options.IsAzure
            ? new AzureOpenAIChatCompletionService(options.Model!, OpenAIClients.CreateAzure(options.Endpoint!, options.ApiKey!, httpClient), loggerFactory: loggerFactory)
            : new OpenAIChatCompletionService(options.Model!, OpenAIClients.Create(options.Endpoint!, options.ApiKey, httpClient), loggerFactory);
    }
}
