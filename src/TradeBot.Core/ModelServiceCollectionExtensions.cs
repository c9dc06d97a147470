using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using TradeBot.Core.Answers;
using TradeBot.Core.Answers.Llm;

namespace TradeBot.Core;

public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers the models chosen by configuration, after <see cref="CorpusServiceCollectionExtensions.AddTradeNewsCorpus"/>:
    /// <c>Chat:Provider</c> = <c>openai</c> replaces the extractive <see cref="IQuestionAnswerer"/> with the
    /// language-model answerer. With the defaults the built-in registrations stay. The settings are validated at
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
