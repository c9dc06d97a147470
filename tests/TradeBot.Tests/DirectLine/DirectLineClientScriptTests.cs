using System.Text.Json;
using TradeBot.Tests.Bot;
using TradeBot.Tests.WebChat;

namespace TradeBot.Tests.DirectLine;

/// <summary>Protocol check with the official client: tests/e2e/directline-client.cjs (botframework-directlinejs) against the real server.</summary>
[Collection(WebChatCollection.Name)]
public sealed class DirectLineClientScriptTests(WebChatServerFixture fixture)
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task DirectLineJs_Question_EchoesClientActivityIdAndRepliesToPostedActivity(string transport)
    {
        RepositoryPaths.NodeModule("botframework-directlinejs/package.json");
        var baseUrl = fixture.Server.Address.ToString().TrimEnd('/');

        var (exitCode, output, error) = await NodeScript.RunAsync("directline-client.cjs", baseUrl, transport, "What tariff did the US impose on Chinese imports?");

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}{output}");
        using var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = result.RootElement;
        Assert.True(root.GetProperty("online").GetBoolean());
        Assert.True(root.GetProperty("echoed").GetBoolean(), "the user's activity came back with its clientActivityID");
        var postedId = root.GetProperty("postedId").GetString();
        Assert.False(string.IsNullOrEmpty(postedId));
        Assert.Equal(postedId, root.GetProperty("replyToId").GetString());
        Assert.Contains("145%", root.GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("conversationId").GetString()));
    }
}
