using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TradeBot.Tests.DirectLine;

/// <summary>Direct Line tokens made by the test, independently of the server: signed with a given key, or tampered with.</summary>
internal static class TestTokens
{
    private const string Issuer = "tradebot-directline";

    /// <summary>A token in the server's format for <paramref name="conversationId"/>, signed with the base64 <paramref name="signingKey"/>.</summary>
    public static string Mint(string signingKey, string conversationId, string userId, DateTimeOffset issuedAt, DateTimeOffset expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("conv", conversationId), new Claim("user", userId)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(signingKey)), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>The token with its <c>conv</c> claim replaced and the original signature kept.</summary>
    public static string WithConversation(string token, string conversationId)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["conv"] = conversationId;
        parts[1] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }

    /// <summary>The <c>conv</c> claim of a token, read without checking it.</summary>
    public static string ConversationOf(string token) =>
        new JsonWebToken(token).GetPayloadValue<string>("conv");
}
