using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using TradeBot.BotFramework.DirectLine;
using TradeBot.Tests.WebChat;

namespace TradeBot.Tests.DirectLine;

/// <summary>
/// Tokens at the HTTP level against the real server on loopback: each token reads and posts to its own conversation
/// only; forged, tampered and expired tokens are refused, and a refreshed token stays bound to its conversation.
/// </summary>
[Collection(WebChatCollection.Name)]
public sealed class DirectLineSecurityTests(WebChatServerFixture fixture)
{
    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task Activities_OwnToken_Succeeds()
    {
        var a = await DirectLineHttp.StartConversationAsync(Client);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await GetAndPostAsync(a.ConversationId, a.Token));
    }

    [Fact]
    public async Task Activities_StolenConversationId_Forbidden()
    {
        var a = await DirectLineHttp.StartConversationAsync(Client);
        var b = await DirectLineHttp.StartConversationAsync(Client);
        Assert.NotEqual(a.ConversationId, b.ConversationId);

        // B's token on A's conversation, and A's token on B's.
        foreach (var (conversationId, token) in new[] { (a.ConversationId, b.Token), (b.ConversationId, a.Token) })
        {
            using var get = await DirectLineHttp.GetActivitiesAsync(Client, conversationId, token);
            using var post = await DirectLineHttp.PostMessageAsync(Client, conversationId, token, "let me in");
            using var reconnect = await DirectLineHttp.SendAsync(Client, HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token);

            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
            Assert.Contains("another conversation", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Nothing was posted to A by B's token.
        using var own = await DirectLineHttp.GetActivitiesAsync(Client, a.ConversationId, a.Token);
        Assert.DoesNotContain("let me in", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activities_TokenSignedWithAnotherKey_Forbidden()
    {
        var a = await DirectLineHttp.StartConversationAsync(Client);
        var otherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        var forged = TestTokens.Mint(otherKey, a.ConversationId, a.UserId ?? "user", now, now.AddMinutes(30));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await GetAndPostAsync(a.ConversationId, forged));
    }

    [Fact]
    public async Task Activities_TamperedPayload_Forbidden()
    {
        var a = await DirectLineHttp.StartConversationAsync(Client);
        var b = await DirectLineHttp.StartConversationAsync(Client);
        // A's token, its conversation claim rewritten to B's, A's signature kept.
        var tampered = TestTokens.WithConversation(a.Token, b.ConversationId);
        Assert.Equal(b.ConversationId, TestTokens.ConversationOf(tampered));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await GetAndPostAsync(b.ConversationId, tampered));
    }

    [Fact]
    public async Task Activities_NoToken_Unauthorized()
    {
        var a = await DirectLineHttp.StartConversationAsync(Client);

        using var get = await DirectLineHttp.GetActivitiesAsync(Client, a.ConversationId, token: null);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), await GetAndPostAsync(a.ConversationId, token: null));
        Assert.Equal("Bearer", get.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Activities_ExpiredTokenSignedWithServerKey_Forbidden()
    {
        var a = await DirectLineHttp.StartConversationAsync(Client);
        var now = DateTimeOffset.UtcNow;
        var expired = TestTokens.Mint(WebChatServer.SigningKey, a.ConversationId, a.UserId ?? "user", now.AddHours(-2), now.AddHours(-1));
        // The same token with a future expiry is accepted: only the expiry differs.
        var current = TestTokens.Mint(WebChatServer.SigningKey, a.ConversationId, a.UserId ?? "user", now.AddMinutes(-1), now.AddHours(1));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await GetAndPostAsync(a.ConversationId, expired));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await GetAndPostAsync(a.ConversationId, current));
    }

    [Fact]
    public async Task Refresh_ValidToken_ReturnsWorkingTokenBoundToSameConversation()
    {
        var a = await DirectLineHttp.StartConversationAsync(Client);
        var b = await DirectLineHttp.StartConversationAsync(Client);

        using var response = await DirectLineHttp.RefreshAsync(Client, a.Token);
        response.EnsureSuccessStatusCode();
        var refreshed = (await response.Content.ReadFromJsonAsync<DirectLineConversationInfo>())!;

        Assert.Equal(a.ConversationId, refreshed.ConversationId);
        Assert.Equal(a.ConversationId, TestTokens.ConversationOf(refreshed.Token));
        Assert.True(refreshed.ExpiresIn > 0);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await GetAndPostAsync(a.ConversationId, refreshed.Token));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await GetAndPostAsync(b.ConversationId, refreshed.Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Refresh_MissingOrInvalidToken_Refused(string? token)
    {
        using var response = await DirectLineHttp.RefreshAsync(Client, token);

        Assert.Equal(token is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The statuses of reading and of posting to <paramref name="conversationId"/> with <paramref name="token"/>.</summary>
    private async Task<(HttpStatusCode Get, HttpStatusCode Post)> GetAndPostAsync(string conversationId, string? token)
    {
        using var get = await DirectLineHttp.GetActivitiesAsync(Client, conversationId, token);
        using var post = await DirectLineHttp.PostMessageAsync(Client, conversationId, token, "probe");
        return (get.StatusCode, post.StatusCode);
    }
}
