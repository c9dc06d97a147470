using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using TradeBot.Core.Answers;
using TradeBot.Core.Answers.Llm;
using TradeBot.Core.Embeddings;

namespace TradeBot.Core;

public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers the models chosen by configuration, after <see cref="CorpusServiceCollectionExtensions.AddTradeNewsCorpus"/>:
    /// <c>Chat:Provider</c> = <c>openai</c> replaces the extractive <see cref="IQuestionAnswerer"/> with the
    /// language-model answerer; <c>Embeddings:Provider</c> = <c>onnx</c> or <c>openai</c> replaces the built-in
    /// embedder (its model id differs, so the next sync re-embeds every article). With the defaults the built-in registrations stay. The settings are validated at
    /// start (or on first use outside a host), with messages that name the setting to fix.
    /// </summary>
    public static IServiceCollection AddTradeNewsModels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<LlmMetrics>();
        services.TryAddSingleton<ExtractiveAnswerer>();

        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());
        var embeddings = configuration.GetSection(EmbeddingOptions.SectionName).Get<EmbeddingOptions>() ?? new EmbeddingOptions();
        Func<IServiceProvider, Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>? model = embeddings.Provider.ToLowerInvariant() switch
        {
            EmbeddingOptions.ArcticProvider => sp => new ArcticEmbeddingGenerator(sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value.BatchSize),
            EmbeddingOptions.OnnxProvider => CreateOnnxEmbedder,
            EmbeddingOptions.OpenAIProvider => CreateOpenAIEmbedder,
            _ => null,
        };
        if (embeddings.Provider.Equals(EmbeddingOptions.ArcticProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.PostConfigure<Retrieval.RetrievalOptions>(o => o.MinSimilarity ??= ArcticEmbeddingGenerator.RelevantSimilarity);
        }
        if (model is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(
                sp => new CachedEmbeddingGenerator(model(sp), CreateEmbeddingCache(sp))));
        }

        var chat = configuration.GetSection(ChatOptions.SectionName).Get<ChatOptions>() ?? new ChatOptions();
        if (chat.UsesModel)
        {
            services.TryAddSingleton<IChatCompletionService>(CreateChatService);
            services.TryAddSingleton<LlmAnswerer>();
            services.Replace(ServiceDescriptor.Singleton<IQuestionAnswerer>(sp => sp.GetRequiredService<LlmAnswerer>()));
            services.Replace(ServiceDescriptor.Singleton<IStreamingQuestionAnswerer>(sp => sp.GetRequiredService<LlmAnswerer>()));
        }
        else
        {
            services.TryAddSingleton<IStreamingQuestionAnswerer>(sp => sp.GetRequiredService<ExtractiveAnswerer>());
        }
        return services;
    }

    private static EmbeddingCache CreateEmbeddingCache(IServiceProvider services)
    {
        var path = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.CachePath;
        return new EmbeddingCache(string.IsNullOrWhiteSpace(path)
            ? Path.Combine(services.GetRequiredService<IOptions<CorpusOptions>>().Value.DataPath, "embedding-cache.db")
            : path);
    }

    private static OnnxEmbeddingGenerator CreateOnnxEmbedder(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        return new OnnxEmbeddingGenerator(options.ModelPath!, options.MaxTokens, options.BatchSize, options.LowerCase);
    }

    private static Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> CreateOpenAIEmbedder(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        var httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(100) };
        return Microsoft.Extensions.AI.OpenAIClientExtensions.AsIEmbeddingGenerator(
            OpenAIClients.Create(options.Endpoint!, options.ApiKey, httpClient).GetEmbeddingClient(options.Model!), options.Dimensions);
    }

    private static OpenAIChatCompletionService CreateChatService(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ChatOptions>>().Value;
        var loggerFactory = services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var retry = new RetryAfterHandler(options, services.GetRequiredService<TimeProvider>(), loggerFactory.CreateLogger<RetryAfterHandler>())
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        // The answerer bounds every call with Chat:TimeoutSeconds; the client must not cut it shorter.
        var httpClient = new HttpClient(retry) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        return new OpenAIChatCompletionService(options.Model!, OpenAIClients.Create(options.Endpoint!, options.ApiKey, httpClient), loggerFactory);
    }
}
