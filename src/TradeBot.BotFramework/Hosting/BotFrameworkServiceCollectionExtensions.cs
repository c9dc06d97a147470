using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Authentication;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Connector;

namespace TradeBot.BotFramework.Hosting;

/// <summary>Registers the Bot Framework protocol and maps its endpoint.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the adapter, authentication, connector client and background turn queue for the bot
    /// <typeparamref name="TBot"/>. Reads the Azure Bot settings from the configuration root and the
    /// <c>BotFramework</c> section, both validated at start.
    /// </summary>
    public static IServiceCollection AddBotFramework<TBot>(this IServiceCollection services)
        where TBot : class, IBot
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<BotCredentialsOptions>().BindConfiguration(string.Empty).ValidateOnStart();
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotCredentialsOptions>, BotCredentialsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddBotFrameworkAuthentication();
        services.AddHttpClient<ConnectorClient>(ConnectorClient.HttpClientName)
            .AddStandardResilienceHandler(ConfigureResilience);

        services.TryAddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        services.TryAddSingleton<TurnRunner>();
        services.TryAddSingleton<BackgroundTurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundTurnQueue>());
        services.AddHostedService<AuthenticationStartupCheck>();
        services.TryAddSingleton<IBotHttpAdapter, CloudAdapter>();
        services.TryAddTransient<IBot, TBot>();
        return services;
    }

    /// <summary>Maps <c>POST {pattern}</c> (by convention <c>/api/messages</c>) to the adapter, behind the caller policy.</summary>
    public static RouteHandlerBuilder MapBotFrameworkMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, (HttpContext httpContext, IBotHttpAdapter adapter, CancellationToken cancellationToken) =>
            adapter.ProcessAsync(httpContext, cancellationToken))
            .RequireAuthorization(BotFrameworkAuthentication.CallerPolicy)
            .DisableAntiforgery();
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience)
    {
        resilience.Retry.MaxRetryAttempts = 3;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
        resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(15);
        resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
    }
}
