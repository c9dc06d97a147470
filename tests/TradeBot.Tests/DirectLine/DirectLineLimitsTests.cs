using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using TradeBot.BotFramework.DirectLine;
using TradeBot.BotFramework.Schema;
using TradeBot.Tests.WebChat;

namespace TradeBot.Tests.DirectLine;

/// <summary>Abuse limits of the Direct Line endpoint: oversized messages get 413, a flooding client 429, others go on.</summary>
[Collection(WebChatCollection.Name)]
public sealed class DirectLineLimitsTests(WebChatServerFixture fixture)
{
    [Fact]
    public async Task PostActivity_OverMaxActivityBytes_PayloadTooLargeWithClearMessage()
    {
        var client = fixture.Server.Client;
        var a = await DirectLineHttp.StartConversationAsync(client);

        using var tooLarge = await DirectLineHttp.PostMessageAsync(client, a.ConversationId, a.Token, new string('x', 40 * 1024));
        using var small = await DirectLineHttp.PostMessageAsync(client, a.ConversationId, a.Token, new string('x', 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var body = await tooLarge.Content.ReadAsStringAsync();
        Assert.Contains("too large", body, StringComparison.Ordinal);
        Assert.Contains("32,768 bytes", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task PostActivity_OverMessagesPerMinute_TooManyRequestsWhileOtherClientIsServed()
    {
        const int limit = 3;
        await using var server = await WebChatServer.StartAsync($"DirectLine:MessagesPerMinute={limit}");
        var client = server.Client;
        var flooder = await DirectLineHttp.StartConversationAsync(client);
        var other = await DirectLineHttp.StartConversationAsync(client);

        for (var i = 0; i < limit; i++)
        {
            using var accepted = await DirectLineHttp.PostMessageAsync(client, flooder.ConversationId, flooder.Token, $"message {i}");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var refused = await DirectLineHttp.PostMessageAsync(client, flooder.ConversationId, flooder.Token, "one too many");
        using var otherPost = await DirectLineHttp.PostMessageAsync(client, other.ConversationId, other.Token, "my turn");
        using var otherGet = await DirectLineHttp.GetActivitiesAsync(client, other.ConversationId, other.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherPost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherGet.StatusCode);
    }

    [Fact]
    public async Task PostActivity_ForgedTokensNamingVictimsConversation_DoNotUseUpTheVictimsLimits()
    {
        const int limit = 3;
        await using var server = await WebChatServer.StartAsync($"DirectLine:MessagesPerMinute={limit}", $"DirectLine:RequestsPerMinute={limit + 2}");
        var client = server.Client;
        var victim = await DirectLineHttp.StartConversationAsync(client);
        // Unsigned, and signed with a key of the attacker's: both name the victim's conversation.
        var unsigned = UnsignedToken(victim.ConversationId);
        var otherKey = TestTokens.Mint(Convert.ToBase64String(new byte[32]), victim.ConversationId, "attacker", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

        foreach (var forged in new[] { unsigned, otherKey, unsigned, otherKey })
        {
            using var refused = await DirectLineHttp.PostMessageAsync(client, victim.ConversationId, forged, "flood");
            using var polled = await DirectLineHttp.GetActivitiesAsync(client, victim.ConversationId, forged);
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, polled.StatusCode);
        }

        for (var i = 0; i < limit; i++)
        {
            using var post = await DirectLineHttp.PostMessageAsync(client, victim.ConversationId, victim.Token, $"question {i}");
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        using var get = await DirectLineHttp.GetActivitiesAsync(client, victim.ConversationId, victim.Token);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task PostActivity_OverConversationByteCap_OldestActivitiesEvictedNewestKept()
    {
        const int cap = 16 * 1024;
        await using var server = await WebChatServer.StartAsync("DirectLine:MaxActivityBytes=4096", $"DirectLine:MaxConversationBytes={cap}");
        var client = server.Client;
        var a = await DirectLineHttp.StartConversationAsync(client);
        string? lastId = null;
        for (var i = 0; i < 12; i++)
        {
            // Over TradeNewsBot:MaxQuestionLength, so that each answer is a short request to shorten the question.
            using var post = await DirectLineHttp.PostMessageAsync(client, a.ConversationId, a.Token, $"message {i:D2} " + new string('x', 3000));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            lastId = (await post.Content.ReadFromJsonAsync<ResourceResponse>())!.Id;
        }

        var kept = await PollUntilAsync(client, a, activities => activities.Any(x => x.ReplyToId == lastId));

        var texts = kept.Select(x => x.Text ?? string.Empty).ToList();
        Assert.DoesNotContain(texts, t => t.StartsWith("message 00", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("message 11", StringComparison.Ordinal));
        Assert.InRange(kept.Sum(x => JsonSerializer.SerializeToUtf8Bytes(x, ActivitySerializer.Options).Length), 1, cap);
    }

    /// <summary>Polls the conversation until <paramref name="done"/> holds for its kept activities.</summary>
    private static async Task<IReadOnlyList<Activity>> PollUntilAsync(HttpClient client, DirectLineConversationInfo conversation, Func<IReadOnlyList<Activity>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await DirectLineHttp.GetActivitiesAsync(client, conversation.ConversationId, conversation.Token);
            response.EnsureSuccessStatusCode();
            var set = (await response.Content.ReadFromJsonAsync<DirectLineActivitySet>(ActivitySerializer.Options, timeout.Token))!;
            if (done(set.Activities))
            {
                return set.Activities;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static string UnsignedToken(string conversationId)
    {
        static string Part(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { conv = conversationId, user = "attacker", iss = "tradebot-directline", aud = "tradebot-directline", exp = now + 3600 })}.";
    }
}
