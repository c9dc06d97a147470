using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>Registers and maps the self-hosted Direct Line 3.0 channel (and the Azure Direct Line token exchange).</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Direct Line channel for the bot registered with <c>AddBotFramework</c>: tokens, conversations, the
    /// Azure token exchange, CORS for widgets on other sites, the per-client rate limits and the log filter that keeps
    /// tokens in stream URLs out of request logs. Reads the
    /// <c>DirectLine</c> section, validated at start.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<DirectLineConversationStore>();
        services.TryAddSingleton<DirectLineChannel>();
        services.TryAddSingleton<DirectLineStreamPump>();
        services.TryAddSingleton<DirectLineEndpoints>();
        services.AddHttpClient<AzureDirectLineTokenClient>(AzureDirectLineTokenClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        // Tokens travel in a header, never in cookies, so any site may embed the widget.
        services.AddCors(cors => cors.AddPolicy(DirectLineRoutes.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent")));
        services.PostConfigure<LoggerFilterOptions>(DirectLineLogFilter.HideRequestUrls);
        services.AddAuthentication().AddJwtBearer(DirectLineAuthentication.SchemeName, _ => { });
        services.AddOptions<JwtBearerOptions>(DirectLineAuthentication.SchemeName)
            .Configure<DirectLineTokenService>(DirectLineAuthentication.Configure);
        services.AddAuthorization(DirectLineAuthentication.AddPolicy);
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<DirectLineOptions>>((limiter, options) => DirectLineRateLimiting.Configure(limiter, options.Value));
        return services;
    }

    /// <summary>
    /// The middleware the Direct Line routes need (WebSockets, CORS, rate limiting, authorization); call before mapping
    /// them. The caller's token is validated before the limiter picks its partition, and refused after it, so that
    /// refused requests count too.
    /// </summary>
    public static IApplicationBuilder UseDirectLine(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseCors();
        app.Use(async (context, next) =>
        {
            if (DirectLineRoutes.IsDirectLine(context.Request.Path)
                && await context.AuthenticateAsync(DirectLineAuthentication.SchemeName) is { Succeeded: true } result)
            {
                context.User = result.Principal;
            }

            await next(context);
        });
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps the Direct Line 3.0 routes under <see cref="DirectLineRoutes.Prefix"/> and the page's token endpoint.</summary>
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(DirectLineRoutes.TokenPath, (HttpContext context, DirectLineEndpoints handlers, CancellationToken cancellationToken) =>
            handlers.IssueTokenAsync(context, cancellationToken))
            .RequireCors(DirectLineRoutes.CorsPolicy).DisableAntiforgery().RequireRateLimiting(DirectLineRateLimiting.MessagesPolicy);

        var group = endpoints.MapGroup(DirectLineRoutes.Prefix).RequireCors(DirectLineRoutes.CorsPolicy).DisableAntiforgery()
            .RequireRateLimiting(DirectLineRateLimiting.RequestsPolicy)
            .RequireAuthorization(DirectLineAuthentication.ConversationPolicy);
        group.MapPost("/tokens/refresh", (HttpContext context, DirectLineEndpoints handlers) => handlers.Refresh(context));
        group.MapPost("/conversations", (HttpContext context, DirectLineEndpoints handlers) => handlers.Start(context));
        group.MapGet("/conversations/{conversationId}", (HttpContext context, string conversationId, string? watermark, DirectLineEndpoints handlers) =>
            handlers.Reconnect(context, conversationId, watermark));
        group.MapPost("/conversations/{conversationId}/activities", (HttpContext context, string conversationId, DirectLineEndpoints handlers, CancellationToken cancellationToken) =>
            handlers.PostActivityAsync(context, conversationId, cancellationToken))
            .RequireRateLimiting(DirectLineRateLimiting.MessagesPolicy);
        group.MapGet("/conversations/{conversationId}/activities", (HttpContext context, string conversationId, string? watermark, DirectLineEndpoints handlers) =>
            handlers.GetActivities(context, conversationId, watermark));
        group.MapGet("/conversations/{conversationId}/stream", (HttpContext context, string conversationId, string? watermark, DirectLineEndpoints handlers, CancellationToken cancellationToken) =>
            handlers.StreamAsync(context, conversationId, watermark, cancellationToken));
        return endpoints;
    }
}
