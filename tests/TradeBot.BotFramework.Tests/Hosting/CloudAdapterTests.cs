using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradeBot.BotFramework.Hosting;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Hosting;

/// <summary>The adapter on a real Kestrel server, replying to a recording connector on loopback.</summary>
public sealed class CloudAdapterTests : IAsyncLifetime
{
    private TestConnector _connector = null!;
    private BotTestServer _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await TestConnector.StartAsync();
        _bot = await BotTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task ProcessAsync_Message_AcknowledgesWithEmptyBodyAndRepliesThroughConnector()
    {
        var inbound = TestActivities.Message(_connector.ServiceUrl, "steel tariffs?", conversationId: "19:abc@thread.tacv2;messageid=1");

        using var response = await _bot.PostAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var reply = await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
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
        await _bot.PostAsync(TestActivities.Message(_connector.ServiceUrl, "hello"));

        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        var types = _connector.Requests.Select(r => r.Activity.Type).ToList();
        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Message], types);
    }

    [Fact]
    public async Task ProcessAsync_ExpectReplies_ReturnsRepliesInBodyAndSendsNothing()
    {
        var replies = await _bot.PostExpectingRepliesAsync(TestActivities.Message(_connector.ServiceUrl, "hi"));

        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Message], replies.Activities.Select(a => a.Type));
        Assert.Equal("echo: hi", replies.Activities[1].Text);
        await Task.Delay(300);
        Assert.Equal(0, _connector.Calls);
    }

    [Fact]
    public async Task ProcessAsync_ExpectRepliesWithoutServiceUrl_IsAccepted()
    {
        var replies = await _bot.PostExpectingRepliesAsync(TestActivities.Message(serviceUrl: null, "hi"));

        Assert.Equal("echo: hi", replies.Activities.Last().Text);
    }

    [Fact]
    public async Task ProcessAsync_ConversationUpdateWithUser_WelcomesTheUserNotTheBot()
    {
        var update = TestActivities.Of(ActivityTypes.ConversationUpdate, _connector.ServiceUrl);
        update.MembersAdded = [new ChannelAccount("28:bot"), new ChannelAccount("29:user-1")];

        var replies = await _bot.PostExpectingRepliesAsync(update);

        Assert.Equal(["welcome 29:user-1"], replies.Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task ProcessAsync_KnownInvoke_ReturnsInvokeResponseStatusAndBody()
    {
        var invoke = TestActivities.Of(ActivityTypes.Invoke, _connector.ServiceUrl);
        invoke.Name = TestBot.OkInvokeName;

        using var response = await _bot.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task ProcessAsync_UnhandledInvoke_Returns501()
    {
        var invoke = TestActivities.Of(ActivityTypes.Invoke, _connector.ServiceUrl);
        invoke.Name = "adaptiveCard/action";

        using var response = await _bot.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task ProcessAsync_InvokeExpectingReplies_PutsInvokeResponseActivityInBody()
    {
        var invoke = TestActivities.Of(ActivityTypes.Invoke, _connector.ServiceUrl);
        invoke.Name = TestBot.OkInvokeName;

        var replies = await _bot.PostExpectingRepliesAsync(invoke);

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
        var activity = TestActivities.Of(type, _connector.ServiceUrl);
        activity.Name = type == ActivityTypes.Event ? "webchat/join" : null;
        activity.Action = type == ActivityTypes.InstallationUpdate ? "add" : null;

        using var acknowledged = await _bot.PostAsync(TestActivities.Of(type, _connector.ServiceUrl));
        var replies = await _bot.PostExpectingRepliesAsync(activity);

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Empty(replies.Activities);
    }

    [Fact]
    public async Task ProcessAsync_BotThrows_UserGetsApologyAndServerGoesOn()
    {
        using var failing = await _bot.PostAsync(TestActivities.Message(_connector.ServiceUrl, "throw", conversationId: "c-fail"));
        var apology = await _connector.WaitForAsync(r => r.Activity.Conversation?.Id == "c-fail");
        var next = await _bot.PostExpectingRepliesAsync(TestActivities.Message(_connector.ServiceUrl, "still there?"));

        Assert.Equal(HttpStatusCode.OK, failing.StatusCode);
        Assert.Equal(TurnRunner.ApologyText, apology.Activity.Text);
        Assert.Equal("echo: still there?", next.Activities.Last().Text);
        Assert.Contains(_bot.Logs.Entries, e => e.EventId == 1001 && e.Exception is InvalidOperationException);
    }
}
