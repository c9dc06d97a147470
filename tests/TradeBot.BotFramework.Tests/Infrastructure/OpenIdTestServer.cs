using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>
/// An OpenID metadata endpoint on loopback that publishes one RSA signing key (with Bot Framework endorsements) and
/// signs test tokens with it, so that authentication is tested without reaching Microsoft.
/// </summary>
internal sealed class OpenIdTestServer : IAsyncDisposable
{
    public const string KeyId = "test-signing-key";
    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication? _app;

    public Uri MetadataUrl { get; private set; } = null!;

    public string[] Endorsements { get; init; } = ["msteams", "emulator", "webchat", "directline"];

    public static async Task<OpenIdTestServer> StartAsync(string issuer)
    {
        var server = new OpenIdTestServer();
        var (app, address) = await LoopbackHost.StartAsync(_ => { }, app =>
        {
            app.MapGet("/.well-known/openid-configuration", (HttpContext context) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["jwks_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            app.MapGet("/keys", () => Results.Json(new { keys = new[] { server.PublicJwk() } }));
        });
        server._app = app;
        server.MetadataUrl = new Uri(address, "/.well-known/openid-configuration");
        return server;
    }

    /// <summary>Signs a token with the published key, or with <paramref name="signingKey"/> under <paramref name="keyId"/>.</summary>
    public string CreateToken(IDictionary<string, object> claims, string issuer, string audience, DateTime? expires = null, RSA? signingKey = null, string keyId = KeyId)
    {
        var key = new RsaSecurityKey(signingKey ?? _rsa) { KeyId = keyId };
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddHours(1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }

    private Dictionary<string, object> PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = Endorsements,
        };
    }
}
