using System.Net;
using Microsoft.Extensions.Logging;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Connector;

/// <summary>How replies fare when the channel refuses or fails them.</summary>
public sealed class ConnectorClientTests : BotAndConnectorTest
{
    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task SendAsync_TransientFailureOnce_RetriesAndDelivers(int status)
    {
        Connector.Respond = call => call == 1 ? status : 201;

        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "retry me"));

        var reply = await Connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message), TimeSpan.FromSeconds(20));
        Assert.Equal("echo: retry me", reply.Activity.Text);
        Assert.Equal(3, Connector.Calls);
    }

    [Fact]
    public async Task SendAsync_ChannelRefuses_LogsStatusWithoutRetryAndServerGoesOn()
    {
        Connector.Respond = _ => 403;

        using var response = await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "refused"));
        await WaitForLogAsync(e => e.EventId == 1200 && e.Message.Contains("status 403", StringComparison.Ordinal) && e.Message.Contains("message", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Connector.Calls);
        Assert.All(Bot.Logs.Entries, e => Assert.NotEqual(LogLevel.Error, e.Level));
        var replies = await Bot.PostExpectingRepliesAsync(TestActivities.Message(null, "still serving"));
        Assert.Equal("echo: still serving", replies.Activities.Last().Text);
    }

    [Fact]
    public async Task SendAsync_ConnectorUnreachable_LogsFailureAndServerGoesOn()
    {
        var unreachable = new Uri("http://127.0.0.1:9/");

        using var response = await Bot.PostAsync(TestActivities.Message(unreachable, "nobody home"));
        await WaitForLogAsync(e => e.EventId == 1201, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await Bot.PostExpectingRepliesAsync(TestActivities.Message(null, "still serving"));
        Assert.Equal("echo: still serving", replies.Activities.Last().Text);
    }

    private async Task WaitForLogAsync(Func<RecordedLog, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!Bot.Logs.Entries.Any(match))
        {
            Assert.True(DateTime.UtcNow < deadline, "Expected log line not written: " + string.Join(" | ", Bot.Logs.Entries.Select(e => e.Message)));
            await Task.Delay(50);
        }
    }
}
