using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// Issues and checks self-hosted Direct Line tokens: HMAC-signed JWTs naming one conversation (<c>conv</c>) and one user
/// (<c>user</c>, which DirectLineJS and Web Chat read), expiring after <see cref="DirectLineOptions.TokenLifetime"/>.
/// </summary>
internal sealed class DirectLineTokenService
{
    public const string Issuer = "tradebot-directline";
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SymmetricSecurityKey _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider timeProvider)
    {
        var settings = options.Value;
        _key = new SymmetricSecurityKey(settings.SigningKey is { Length: > 0 } key ? Convert.FromBase64String(key) : RandomNumberGenerator.GetBytes(32));
        _lifetime = settings.TokenLifetime;
        _timeProvider = timeProvider;
    }

    public TimeSpan Lifetime => _lifetime;

    /// <summary>A new conversation id and user id, and the token bound to them.</summary>
    public (string Token, DirectLineToken Grant) IssueForNewConversation() =>
        Issue(NewId(), "dl_" + NewId());

    public (string Token, DirectLineToken Grant) Issue(string conversationId, string userId)
    {
        var now = _timeProvider.GetUtcNow();
        var grant = new DirectLineToken(conversationId, userId, now + _lifetime);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = grant.ExpiresAt.UtcDateTime,
            Subject = new ClaimsIdentity([new Claim(ConversationClaim, conversationId), new Claim(UserClaim, userId)]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, grant);
    }

    /// <summary>
    /// What the Direct Line bearer scheme checks: signed by this server's key, issued by and for it, and not expired by
    /// the injected clock (no skew: this server is the issuer).
    /// </summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Issuer,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ValidateLifetime = true,
        LifetimeValidator = (_, expires, _, _) => expires is { } at && new DateTimeOffset(at, TimeSpan.Zero) > _timeProvider.GetUtcNow(),
    };

    /// <summary>The grant of a principal the Direct Line scheme authenticated; null for anyone else.</summary>
    public static DirectLineToken? GrantOf(ClaimsPrincipal user) =>
        user.FindFirst(ConversationClaim)?.Value is { Length: > 0 } conversationId
        && user.FindFirst(UserClaim)?.Value is { Length: > 0 } userId
        && user.FindFirst(JwtRegisteredClaimNames.Exp)?.Value is { } exp && long.TryParse(exp, out var seconds)
            ? new DirectLineToken(conversationId, userId, DateTimeOffset.FromUnixTimeSeconds(seconds))
            : null;

    private static string NewId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
}
