using System.Net;
using System.Text;
using TradeBot.BotFramework.Hosting;
using TradeBot.BotFramework.Schema;

namespace TradeBot.Tests.Bot;

/// <summary>Malformed fields inside a well-formed activity are a 4xx or ignored: never a 500, never an exception in the turn.</summary>
public sealed class TradeNewsBotBadInputTests : IAsyncLifetime
{
    private TradeBotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TradeBotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("""{"actionName":5,"actionValue":{"reaction":"like"}}""")]
    [InlineData("""{"actionName":null}""")]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":{"feedbackText":5}}}""")]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":"{\"feedbackText\":[1]}"}}""")]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":7}}""")]
    [InlineData("""[1,2]""")]
    public async Task Invoke_SubmitActionWithNonStringFields_NotAServerError(string value)
    {
        using var response = await PostRawAsync($$"""{"type":"invoke","name":"message/submitAction","channelId":"msteams","conversation":{"id":"c-bad"},"serviceUrl":"http://127.0.0.1:9","from":{"id":"u"},"recipient":{"id":"28:bot"},"value":{{value}}}""");

        Assert.InRange((int)response.StatusCode, 200, 499);
        AssertNoTurnFailed();
    }

    [Theory]
    [InlineData("""[null]""", false)]
    [InlineData("""[null,{"type":"mention","mentioned":{"id":5,"name":7},"text":"<at>TradeBot</at>"}]""", true)]
    [InlineData("""[{"type":"mention","mentioned":{"id":{"x":1}}},{"type":null},{}]""", true)]
    public async Task Message_MalformedEntities_AnsweredOrIgnoredWithoutException(string entities, bool group)
    {
        var conversation = group ? """{"id":"g-bad","conversationType":"groupChat","isGroup":true}""" : """{"id":"p-bad","conversationType":"personal"}""";

        using var response = await PostRawAsync($$"""{"type":"message","text":"What duties did the EU put on Chinese EVs?","channelId":"msteams","deliveryMode":"expectReplies","conversation":{{conversation}},"from":{"id":"u"},"recipient":{"id":"28:bot"},"entities":{{entities}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(TurnRunner.ApologyText, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertNoTurnFailed();
    }

    private void AssertNoTurnFailed() =>
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Exception is not null);

    private Task<HttpResponseMessage> PostRawAsync(string json) =>
        _host.Client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
}
