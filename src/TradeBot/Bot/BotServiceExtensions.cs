using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Hosting;
using TradeBot.Core;

namespace TradeBot.Bot;

/// <summary>Registration and endpoints of the Bot Framework channel for Program.cs.</summary>
internal static class BotServiceExtensions
{
    /// <summary>
    /// Adds the Bot Framework protocol with <see cref="TradeNewsBot"/> as the bot, its memory and feedback store, and the
    /// health checks behind <c>/healthz</c> and <c>/readyz</c>. <c>IQuestionAnswerer</c>, <c>ICorpusOverview</c> and
    /// <c>IQuestionSuggester</c> must be registered by the caller; readiness checks are added with the tag
    /// <see cref="HealthTags.Ready"/>.
    /// </summary>
    public static IHostApplicationBuilder AddTradeNewsBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddBotFramework<TradeNewsBot>();
        services.AddOptions<TradeNewsBotOptions>().BindConfiguration(TradeNewsBotOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TradeNewsBotOptions>, TradeNewsBotOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConversationMemory>();
        services.TryAddSingleton<WelcomeRegistry>();
        services.TryAddSingleton<SentAnswers>();
        services.TryAddSingleton<FeedbackLimiter>();
        services.TryAddSingleton<IFeedbackStore, JsonLinesFeedbackStore>();
        // The bot only dispatches; each kind of turn is a type of its own, as short-lived as the bot.
        services.TryAddTransient<AnswerTurns>();
        services.TryAddTransient<WelcomeTurns>();
        services.TryAddTransient<FeedbackTurns>();
        services.TryAddTransient<BotSuggestions>();
        // The feedback file lives in the data folder (Corpus:DataPath), also when the corpus pipeline is not registered.
        services.AddOptions<CorpusOptions>().BindConfiguration(CorpusOptions.SectionName);
        services.AddHealthChecks();
        return builder;
    }

    /// <summary>Maps <c>POST /api/messages</c>, <c>GET /healthz</c> (liveness: the process answers) and <c>GET /readyz</c>.</summary>
    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapBotFrameworkMessages("/api/messages");
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = Hosting.ReadinessResponse.WriteAsync,
        });
        return endpoints;
    }
}
