using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Authentication;

/// <summary>
/// Checks the bearer token of a request to <c>/api/messages</c>: channel tokens (issuer api.botframework.com, with
/// endorsements and the <c>serviceurl</c> claim) and Entra tokens from Emulator or the Playground; or, without an app
/// id, admits anonymous callers on loopback (or anywhere when the development setting allows it).
/// </summary>
internal sealed class BotAuthenticator(
    OpenIdMetadata metadata,
    IOptions<BotCredentialsOptions> credentials,
    IOptions<BotFrameworkOptions> options,
    ILogger<BotAuthenticator> logger)
{
    private static readonly TimeSpan _clockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] _algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, bool isLoopback, CancellationToken cancellationToken)
    {
        var appId = credentials.Value.MicrosoftAppId;
        if (!credentials.Value.IsAuthenticationEnabled)
        {
            return isLoopback || options.Value.AllowAnonymous
                ? AuthenticationResult.Anonymous
                : AuthenticationResult.Fail("Anonymous requests are accepted only on loopback while no MicrosoftAppId is configured.");
        }

        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return AuthenticationResult.Fail("The request has no Authorization header.");
        }

        const string scheme = "Bearer ";
        if (!authorizationHeader.StartsWith(scheme, StringComparison.Ordinal) || authorizationHeader.Length == scheme.Length)
        {
            return AuthenticationResult.Fail("The Authorization header is not a Bearer token.");
        }

        var token = authorizationHeader[scheme.Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return AuthenticationResult.Fail("The bearer token is not a JWT.");
        }

        string issuer;
        try
        {
            issuer = new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return AuthenticationResult.Fail("The bearer token is not a JWT.");
        }

        if (string.Equals(issuer, options.Value.ChannelTokenIssuer, StringComparison.Ordinal))
        {
            return await ValidateChannelTokenAsync(token, appId!, activity, cancellationToken);
        }

        var entraIssuers = EntraTokenIssuers.For(credentials.Value.MicrosoftAppTenantId);
        if (entraIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return await ValidateEntraTokenAsync(token, appId!, entraIssuers, cancellationToken);
        }

        return AuthenticationResult.Fail("The token issuer is not trusted.");
    }

    private async Task<AuthenticationResult> ValidateChannelTokenAsync(string token, string appId, Activity activity, CancellationToken cancellationToken)
    {
        var metadataUrl = options.Value.ChannelOpenIdMetadataUrl;
        var (result, configuration) = await ValidateAsync(token, metadataUrl, [options.Value.ChannelTokenIssuer], appId, cancellationToken);
        if (result is null || configuration is null)
        {
            return AuthenticationResult.Fail("The channel token could not be checked.");
        }

        if (!result.IsValid)
        {
            return Invalid(result);
        }

        var keyId = (result.SecurityToken as JsonWebToken)?.Kid;
        if (!KeyEndorsements.Allows(configuration, keyId, activity.ChannelId))
        {
            return AuthenticationResult.Fail("The signing key does not endorse this channel.");
        }

        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(serviceUrl) || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.Ordinal))
        {
            return AuthenticationResult.Fail("The token's serviceurl claim does not match the activity's serviceUrl.");
        }

        return new AuthenticationResult(true, null, result.ClaimsIdentity, ServiceUrlVouched: true);
    }

    private async Task<AuthenticationResult> ValidateEntraTokenAsync(string token, string appId, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        var (result, _) = await ValidateAsync(token, options.Value.EntraOpenIdMetadataUrl, issuers, appId, cancellationToken);
        if (result is null)
        {
            return AuthenticationResult.Fail("The token could not be checked.");
        }

        if (!result.IsValid)
        {
            return Invalid(result);
        }

        var identity = result.ClaimsIdentity;
        var version = identity.FindFirst("ver")?.Value;
        var caller = version switch
        {
            "1.0" => identity.FindFirst("appid")?.Value,
            "2.0" => identity.FindFirst("azp")?.Value,
            _ => null,
        };
        if (!string.Equals(caller, appId, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail("The token was not issued to this bot (ver/appid/azp).");
        }

        // Entra tokens carry no serviceurl claim, so they never vouch for the activity's serviceUrl.
        return new AuthenticationResult(true, null, identity, ServiceUrlVouched: false);
    }

    private async Task<(TokenValidationResult? Result, OpenIdConnectConfiguration? Configuration)> ValidateAsync(
        string token, string metadataUrl, IReadOnlyList<string> issuers, string appId, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetAsync(metadataUrl, cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            AuthenticationLog.MetadataUnavailable(logger, metadataUrl, exception);
            return (null, null);
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration, issuers, appId));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotate: fetch the key set again once before refusing an unknown key id.
            metadata.RequestRefresh(metadataUrl);
            try
            {
                configuration = await metadata.GetAsync(metadataUrl, cancellationToken);
            }
            catch (InvalidOperationException exception)
            {
                AuthenticationLog.MetadataUnavailable(logger, metadataUrl, exception);
                return (null, null);
            }

            result = await _handler.ValidateTokenAsync(token, Parameters(configuration, issuers, appId));
        }

        return (result, configuration);
    }

    private static TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, IReadOnlyList<string> issuers, string appId) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = issuers,
        ValidateAudience = true,
        ValidAudience = appId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = _clockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = _algorithms,
    };

    private AuthenticationResult Invalid(TokenValidationResult result)
    {
        var reason = result.Exception switch
        {
            SecurityTokenExpiredException => "The token has expired.",
            SecurityTokenNotYetValidException => "The token is not valid yet.",
            SecurityTokenInvalidAudienceException => "The token's audience is not this bot's app id.",
            SecurityTokenInvalidIssuerException => "The token issuer is not trusted.",
            SecurityTokenSignatureKeyNotFoundException => "The token was signed with an unknown key.",
            SecurityTokenInvalidSignatureException => "The token signature is invalid.",
            _ => "The token is invalid.",
        };
        AuthenticationLog.TokenRejected(logger, reason, result.Exception?.GetType().Name);
        return AuthenticationResult.Fail(reason);
    }
}
