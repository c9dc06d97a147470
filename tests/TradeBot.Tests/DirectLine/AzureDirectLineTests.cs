using System.Net;
using System.Net.Http.Json;
using TradeBot.BotFramework.DirectLine;
using TradeBot.Tests.WebChat;

namespace TradeBot.Tests.DirectLine;

/// <summary>Azure mode: with a Direct Line secret the page's token comes from the token exchange; the secret stays on the server.</summary>
public sealed class AzureDirectLineTests
{
    [Fact]
    public async Task TokenEndpoint_SecretConfigured_ReturnsExchangedTokenAndNeverServesSecret()
    {
        var secret = "azure-directline-secret-" + Guid.NewGuid().ToString("N");
        await using var standIn = await AzureDirectLineStandIn.StartAsync(secret);
        await using var server = await WebChatServer.StartAsync(
            $"DirectLine:Secret={secret}",
            $"DirectLine:ServiceBaseUrl={standIn.Address.ToString().TrimEnd('/')}");
        var client = server.Client;

        using var response = await client.PostAsync(new Uri("/api/directline/token", UriKind.Relative), content: null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<DirectLineConversationInfo>())!;
        Assert.Equal(AzureDirectLineStandIn.Token, issued.Token);
        Assert.Equal(AzureDirectLineStandIn.ConversationId, issued.ConversationId);
        Assert.Equal(standIn.Address.ToString().TrimEnd('/') + "/v3/directline", issued.Domain);
        Assert.Equal(["Bearer " + secret], standIn.Authorizations);
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, response.Headers.ToString(), StringComparison.Ordinal);

        // The page, every file it is served with, and the page's info endpoint.
        var wwwroot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var paths = Directory.EnumerateFiles(wwwroot, "*", SearchOption.AllDirectories)
            .Select(file => "/" + Path.GetRelativePath(wwwroot, file).Replace('\\', '/'))
            .Append("/")
            .Append("/api/webchat/info")
            .ToList();
        Assert.Contains("/chat.js", paths);
        foreach (var path in paths)
        {
            using var served = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(served.IsSuccessStatusCode, $"GET {path}: {served.StatusCode}");
            Assert.DoesNotContain(secret, await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, served.Headers.ToString() + served.Content.Headers, StringComparison.Ordinal);
        }
    }
}
