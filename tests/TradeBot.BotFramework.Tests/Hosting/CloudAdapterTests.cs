using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradeBot.BotFramework.Authentication;
using TradeBot.BotFramework.Hosting;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Hosting;

/// <summary>The adapter on a real Kestrel server, replying to a recording connector on loopback.</summary>
public sealed class CloudAdapterTests : BotAndConnectorTest
{
    [Fact]
    public async Task ProcessAsync_Message_AcknowledgesWithEmptyBodyAndRepliesThroughConnector()
    {
        var inbound = TestActivities.Message(Connector.ServiceUrl, "steel tariffs?", conversationId: "19:abc@thread.tacv2;messageid=1");

        using var response = await Bot.PostAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var reply = await Connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        Assert.Equal("POST", reply.Method);
        Assert.Equal($"/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1/activities/{inbound.Id}", reply.Path);
        Assert.Equal("echo: steel tariffs?", reply.Activity.Text);
        Assert.Equal(inbound.Id, reply.Activity.ReplyToId);
        Assert.Equal("28:bot", reply.Activity.From?.Id);
        Assert.Equal("29:user-1", reply.Activity.Recipient?.Id);
        Assert.Null(reply.Authorization);
    }

    [Fact]
    public async Task ProcessAsync_Message_SendsTypingBeforeTheReply()
    {
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "hello"));

        await Connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        var types = Connector.Requests.Select(r => r.Activity.Type).ToList();
        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Message], types);
    }

    [Fact]
    public async Task ProcessAsync_QuickMessagesInOneConversation_AnsweredInArrivalOrder()
    {
        using var slow = await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "sleep:600", conversationId: "ordered"));
        using var quick = await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "quick", conversationId: "ordered"));

        await Connector.WaitForAsync(r => r.Activity.Text == "echo: quick");
        await Connector.WaitForAsync(r => r.Activity.Text == "echo: sleep:600");
        var answers = Connector.Requests.Where(r => r.Activity.IsType(ActivityTypes.Message)).Select(r => r.Activity.Text);
        Assert.Equal(["echo: sleep:600", "echo: quick"], answers);
    }

    [Fact]
    public async Task ProcessAsync_SlowConversation_DoesNotHoldUpOthers()
    {
        using var slow = await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "sleep:3000", conversationId: "slow"));
        // Conversations that the default 16 workers do not share with the slow one.
        var workers = new BotFrameworkOptions().MaxConcurrentTurns;
        var others = Enumerable.Range(0, 50).Select(i => $"other-{i}")
            .Where(id => BackgroundTurnQueue.PartitionOf(id, workers) != BackgroundTurnQueue.PartitionOf("slow", workers))
            .Take(5)
            .Select((id, i) => TestActivities.Message(Connector.ServiceUrl, $"other {i}", conversationId: id))
            .ToList();
        foreach (var other in others)
        {
            using var response = await Bot.PostAsync(other);
        }

        await Connector.WaitForAsync(r => r.Activity.Text == "echo: sleep:3000");

        var answers = Connector.Requests.Where(r => r.Activity.IsType(ActivityTypes.Message)).Select(r => r.Activity.Text).ToList();
        Assert.Equal(6, answers.Count);
        Assert.Equal("echo: sleep:3000", answers[^1]);
    }

    [Fact]
    public async Task ProcessAsync_ExpectReplies_ReturnsRepliesInBodyAndSendsNothing()
    {
        var replies = await Bot.PostExpectingRepliesAsync(TestActivities.Message(Connector.ServiceUrl, "hi"));

        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Message], replies.Activities.Select(a => a.Type));
        Assert.Equal("echo: hi", replies.Activities[1].Text);
        // A normal message sent afterwards goes through the connector; by then any stray reply to "hi" would have too.
        using var after = await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "after"));
        await Connector.WaitForAsync(r => r.Activity.Text == "echo: after");
        Assert.DoesNotContain(Connector.Requests, r => r.Activity.Text == "echo: hi");
    }

    [Fact]
    public async Task ProcessAsync_ExpectRepliesWithoutServiceUrl_IsAccepted()
    {
        var replies = await Bot.PostExpectingRepliesAsync(TestActivities.Message(serviceUrl: null, "hi"));

        Assert.Equal("echo: hi", replies.Activities.Last().Text);
    }

    [Fact]
    public async Task ProcessAsync_ConversationUpdateWithUser_WelcomesTheUserNotTheBot()
    {
        var update = TestActivities.Of(ActivityTypes.ConversationUpdate, Connector.ServiceUrl);
        update.MembersAdded = [new ChannelAccount("28:bot"), new ChannelAccount("29:user-1")];

        var replies = await Bot.PostExpectingRepliesAsync(update);

        Assert.Equal(["welcome 29:user-1"], replies.Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task ProcessAsync_KnownInvoke_ReturnsInvokeResponseStatusAndBody()
    {
        var invoke = TestActivities.Of(ActivityTypes.Invoke, Connector.ServiceUrl);
        invoke.Name = TestBot.OkInvokeName;

        using var response = await Bot.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task ProcessAsync_UnhandledInvoke_Returns501()
    {
        var invoke = TestActivities.Of(ActivityTypes.Invoke, Connector.ServiceUrl);
        invoke.Name = "adaptiveCard/action";

        using var response = await Bot.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task ProcessAsync_InvokeExpectingReplies_PutsInvokeResponseActivityInBody()
    {
        var invoke = TestActivities.Of(ActivityTypes.Invoke, Connector.ServiceUrl);
        invoke.Name = TestBot.OkInvokeName;

        var replies = await Bot.PostExpectingRepliesAsync(invoke);

        var invokeResponse = Assert.Single(replies.Activities);
        Assert.Equal(ActivityTypes.InvokeResponse, invokeResponse.Type);
        Assert.Equal(200, invokeResponse.Value!.Value.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(ActivityTypes.InstallationUpdate)]
    [InlineData(ActivityTypes.Typing)]
    [InlineData(ActivityTypes.Event)]
    [InlineData(ActivityTypes.EndOfConversation)]
    [InlineData(ActivityTypes.MessageReaction)]
    [InlineData(ActivityTypes.MessageUpdate)]
    [InlineData(ActivityTypes.MessageDelete)]
    [InlineData(ActivityTypes.Trace)]
    [InlineData(ActivityTypes.Handoff)]
    [InlineData("someFutureType")]
    public async Task ProcessAsync_OtherActivityTypes_AcknowledgedWithoutReply(string type)
    {
        var activity = TestActivities.Of(type, Connector.ServiceUrl);
        activity.Name = type == ActivityTypes.Event ? "webchat/join" : null;
        activity.Action = type == ActivityTypes.InstallationUpdate ? "add" : null;

        using var acknowledged = await Bot.PostAsync(TestActivities.Of(type, Connector.ServiceUrl));
        var replies = await Bot.PostExpectingRepliesAsync(activity);

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Empty(replies.Activities);
    }

    [Fact]
    public async Task ProcessAsync_BotThrows_UserGetsApologyAndServerGoesOn()
    {
        using var failing = await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "throw", conversationId: "c-fail"));
        var apology = await Connector.WaitForAsync(r => r.Activity.Conversation?.Id == "c-fail");
        var next = await Bot.PostExpectingRepliesAsync(TestActivities.Message(Connector.ServiceUrl, "still there?"));

        Assert.Equal(HttpStatusCode.OK, failing.StatusCode);
        Assert.Equal(TurnRunner.ApologyText, apology.Activity.Text);
        Assert.Equal("echo: still there?", next.Activities.Last().Text);
        Assert.Contains(Bot.Logs.Entries, e => e.EventId == 1301 && e.Exception is InvalidOperationException);
    }
}
