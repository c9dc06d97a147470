using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TradeBot.BotFramework.Hosting;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Authentication;

/// <summary>
/// The bearer schemes of <c>/api/messages</c>. <see cref="SchemeName"/> forwards by the token's issuer to
/// <see cref="ChannelScheme"/> (Bot Framework channel tokens, issuer api.botframework.com: signing keys from the
/// channel's OpenID metadata, then the key's channel endorsement and the <c>serviceurl</c> claim checked against the
/// activity) or <see cref="EntraScheme"/> (Entra tokens of Emulator and the Playground: keys from Entra's metadata, the
/// caller's app id checked). Without an app id tokens are ignored and <see cref="BotCallerRequirement"/> decides.
/// </summary>
internal static class BotFrameworkAuthentication
{
    public const string SchemeName = "BotFramework";
    public const string ChannelScheme = "BotFramework.Channel";
    public const string EntraScheme = "BotFramework.Entra";
    public const string CallerPolicy = "BotFrameworkCaller";
    public const string MetadataHttpClientName = "TradeBot.BotFramework.OpenIdMetadata";

    private static readonly TimeSpan _clockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] _algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    public static void AddBotFrameworkAuthentication(this IServiceCollection services)
    {
        services.AddHttpClient(MetadataHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddAuthentication()
            .AddPolicyScheme(SchemeName, displayName: null, _ => { })
            .AddJwtBearer(ChannelScheme, _ => { })
            .AddJwtBearer(EntraScheme, _ => { });
        services.AddOptions<PolicySchemeOptions>(SchemeName).Configure<IOptions<BotFrameworkOptions>, IOptions<BotCredentialsOptions>>((scheme, options, credentials) =>
            scheme.ForwardDefaultSelector = context => SelectScheme(context, options.Value, credentials.Value));
        services.AddOptions<JwtBearerOptions>(ChannelScheme).Configure<IOptions<BotFrameworkOptions>, IOptions<BotCredentialsOptions>, IHttpClientFactory, TimeProvider>((jwt, options, credentials, http, time) =>
        {
            Configure(jwt, options.Value.ChannelOpenIdMetadataUrl, [options.Value.ChannelTokenIssuer], credentials.Value, http, time);
            jwt.Events.OnTokenValidated = ValidateChannelTokenAsync;
        });
        services.AddOptions<JwtBearerOptions>(EntraScheme).Configure<IOptions<BotFrameworkOptions>, IOptions<BotCredentialsOptions>, IHttpClientFactory, TimeProvider>((jwt, options, credentials, http, time) =>
        {
            Configure(jwt, options.Value.EntraOpenIdMetadataUrl, EntraTokenIssuers.For(credentials.Value.MicrosoftAppTenantId), credentials.Value, http, time);
            jwt.Events.OnTokenValidated = ValidateEntraToken;
        });
        services.AddAuthorization(authorization => authorization.AddPolicy(CallerPolicy, policy => policy
            .AddAuthenticationSchemes(SchemeName)
            .AddRequirements(new BotCallerRequirement())));
    }

    /// <summary>True when a channel token vouched for the activity's serviceUrl (its <c>serviceurl</c> claim equals it).</summary>
    public static bool ServiceUrlVouched(ClaimsPrincipal user, Activity activity, BotFrameworkOptions options) =>
        user.Identities.Any(identity => identity.IsAuthenticated
            && string.Equals(identity.FindFirst(JwtRegisteredClaimNames.Iss)?.Value, options.ChannelTokenIssuer, StringComparison.Ordinal)
            && identity.FindFirst("serviceurl")?.Value is { Length: > 0 } serviceUrl
            && string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.Ordinal));

    private static string SelectScheme(HttpContext context, BotFrameworkOptions options, BotCredentialsOptions credentials)
    {
        var token = BearerToken(context.Request);
        var handler = new JsonWebTokenHandler();
        if (token is null || !handler.CanReadToken(token))
        {
            return ChannelScheme;
        }

        try
        {
            var issuer = new JsonWebToken(token).Issuer;
            return EntraTokenIssuers.For(credentials.MicrosoftAppTenantId).Contains(issuer, StringComparer.Ordinal)
                && !string.Equals(issuer, options.ChannelTokenIssuer, StringComparison.Ordinal)
                ? EntraScheme
                : ChannelScheme;
        }
        catch (ArgumentException)
        {
            return ChannelScheme;
        }
    }

    private static void Configure(JwtBearerOptions jwt, string metadataUrl, IReadOnlyList<string> issuers, BotCredentialsOptions credentials, IHttpClientFactory http, TimeProvider time)
    {
        jwt.MetadataAddress = metadataUrl;
        jwt.RequireHttpsMetadata = !new Uri(metadataUrl).IsLoopback;
        jwt.Backchannel = http.CreateClient(MetadataHttpClientName);
        jwt.MapInboundClaims = false;
        jwt.TimeProvider = time;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = issuers,
            ValidateAudience = true,
            ValidAudience = credentials.MicrosoftAppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => ValidateLifetime(notBefore, expires, time),
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = _algorithms,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // Without an app id no token is checked (nor any metadata fetched): the caller policy decides alone.
                if (!credentials.IsAuthenticationEnabled)
                {
                    context.NoResult();
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = async context =>
            {
                // IdentityModel treats keys it could not fetch as no keys ("unknown key"): tell the two apart, so that
                // the log names the metadata address and the caller hears that the token could not be checked.
                if (context.Exception is SecurityTokenSignatureKeyNotFoundException && context.Options.ConfigurationManager is { } manager)
                {
                    try
                    {
                        await manager.GetConfigurationAsync(context.HttpContext.RequestAborted);
                    }
                    catch (InvalidOperationException exception)
                    {
                        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotFrameworkAuthentication));
                        AuthenticationLog.MetadataUnavailable(logger, metadataUrl, exception);
                        context.Exception = exception;
                    }
                }
            },
            OnChallenge = context => ChallengeAsync(context, credentials),
        };
    }

    /// <summary>The lifetime check of IdentityModel, on the injected clock.</summary>
    private static bool ValidateLifetime(DateTime? notBefore, DateTime? expires, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > now + _clockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }

        if (expiry < now - _clockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
        }

        return true;
    }

    private static async Task ValidateChannelTokenAsync(TokenValidatedContext context)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        var read = await ActivityRequestReader.ReadOnceAsync(http, options.MaxRequestBodyBytes, http.RequestAborted);
        if (read.Activity is not { } activity)
        {
            // The adapter answers the malformed request with its 4xx; nothing is processed.
            return;
        }

        var configuration = context.Options.ConfigurationManager is { } manager
            ? await manager.GetConfigurationAsync(http.RequestAborted)
            : context.Options.Configuration;
        if (!KeyEndorsements.Allows(configuration ?? new OpenIdConnectConfiguration(), (context.SecurityToken as JsonWebToken)?.Kid, activity.ChannelId))
        {
            context.Fail("The signing key does not endorse this channel.");
            return;
        }

        var serviceUrl = context.Principal?.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(serviceUrl) || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.Ordinal))
        {
            context.Fail("The token's serviceurl claim does not match the activity's serviceUrl.");
        }
    }

    private static Task ValidateEntraToken(TokenValidatedContext context)
    {
        var identity = context.Principal?.Identity as ClaimsIdentity;
        var caller = identity?.FindFirst("ver")?.Value switch
        {
            "1.0" => identity?.FindFirst("appid")?.Value,
            "2.0" => identity?.FindFirst("azp")?.Value,
            _ => null,
        };
        var appId = context.Options.TokenValidationParameters.ValidAudience;
        if (!string.Equals(caller, appId, StringComparison.OrdinalIgnoreCase))
        {
            context.Fail("The token was not issued to this bot (ver/appid/azp).");
        }

        // Entra tokens carry no serviceurl claim, so they never vouch for the activity's serviceUrl.
        return Task.CompletedTask;
    }

    /// <summary>401 with a ProblemDetails body that says what is wrong, and <c>WWW-Authenticate: Bearer</c>.</summary>
    private static async Task ChallengeAsync(JwtBearerChallengeContext context, BotCredentialsOptions credentials)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotFrameworkAuthentication));
        var authorization = http.Request.Headers.Authorization.ToString();
        string reason;
        if (!credentials.IsAuthenticationEnabled)
        {
            reason = "Anonymous requests are accepted only on loopback while no MicrosoftAppId is configured.";
        }
        else if (context.AuthenticateFailure is { } failure)
        {
            reason = Reason(failure);
            AuthenticationLog.TokenRejected(logger, reason, failure.GetType().Name);
        }
        else
        {
            reason = string.IsNullOrEmpty(authorization) ? "The request has no Authorization header." : "The Authorization header is not a Bearer token.";
        }

        HostingLog.RequestRefused(logger, StatusCodes.Status401Unauthorized, reason);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(reason, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(http);
    }

    private static string Reason(Exception failure) => failure switch
    {
        AuthenticationFailureException => failure.Message,
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token's audience is not this bot's app id.",
        SecurityTokenInvalidIssuerException => "The token issuer is not trusted.",
        SecurityTokenSignatureKeyNotFoundException => "The token was signed with an unknown key.",
        SecurityTokenInvalidSignatureException => "The token signature is invalid.",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is not a JWT.",
        InvalidOperationException or HttpRequestException => "The token could not be checked.",
        _ => "The token is invalid.",
    };

    private static string? BearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) && authorization["Bearer ".Length..].Trim() is { Length: > 0 } token ? token : null;
    }
}
