using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TradeBot.Bot;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.Core.Answers;

namespace TradeBot.Tests.Bot;

/// <summary>
/// Answers streamed to Teams one-to-one chats through /api/messages and a recording connector, with a streaming
/// answerer that moves an injected clock between chunks; other channels and scopes get one final message.
/// </summary>
public sealed class TeamsStreamingTests : IAsyncLifetime
{
    private const string Question = "What duties did the EU put on Chinese EVs?";
    private readonly ManualTimeProvider _clock = new();
    private FakeStreamingQuestionAnswerer _streaming = null!;
    private TestConnector _connector = null!;
    private TradeBotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _streaming = new FakeStreamingQuestionAnswerer(_clock);
        _connector = await TestConnector.StartAsync();
        _host = await TradeBotTestHost.StartAsync(services =>
        {
            services.AddSingleton<IQuestionAnswerer, FakeQuestionAnswerer>();
            services.AddSingleton<IStreamingQuestionAnswerer>(_streaming);
            services.AddSingleton<ICorpusOverview, FakeCorpusOverview>();
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Message_InTeamsPersonalChat_StreamsUpdatesThenFinalWithCitations()
    {
        await _host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question));

        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message) && r.Activity.Text?.StartsWith("The EU imposed", StringComparison.Ordinal) == true);
        var sent = _connector.Requests.Select(r => r.Activity).ToList();
        var updates = sent.TakeWhile(a => a.IsType(ActivityTypes.Typing)).ToList();
        Assert.Equal(3, updates.Count);
        Assert.Equal(AnswerTurns.SearchingText, updates[0].Text);
        Assert.Equal(["informative", "streaming", "streaming"], updates.Select(u => StreamInfo(u).GetProperty("streamType").GetString()));
        Assert.Equal([1, 2, 3], updates.Select(u => StreamInfo(u).GetProperty("streamSequence").GetInt32()));
        Assert.Equal("The EU imposed ", updates[1].Text);
        Assert.Equal("The EU imposed provisional duties ", updates[2].Text);
        var streamId = _connector.Requests[0].ResponseId;
        Assert.All(updates.Skip(1), u => Assert.Equal(streamId, StreamInfo(u).GetProperty("streamId").GetString()));

        // The chunks after the last update were accumulated; the final message replaces them with the validated answer.
        var final = sent[updates.Count];
        Assert.Equal(ActivityTypes.Message, final.Type);
        Assert.StartsWith("The EU imposed provisional duties of up to 37.6% on electric vehicles imported from China [1].", final.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sources", final.Text, StringComparison.Ordinal);
        var info = StreamInfo(final);
        Assert.Equal("final", info.GetProperty("streamType").GetString());
        Assert.Equal(streamId, info.GetProperty("streamId").GetString());
        Assert.False(info.TryGetProperty("streamSequence", out _));
        var message = JsonSerializer.SerializeToElement(Assert.Single(final.Entities!, e => e.Type == AIMessageEntity.EntityType), ActivitySerializer.Options);
        Assert.Equal([1, 2], message.GetProperty("citation").EnumerateArray().Select(c => c.GetProperty("position").GetInt32()));
        Assert.True(final.ChannelData!.Value.GetProperty("feedbackLoopEnabled").GetBoolean());

        Assert.Equal("application/vnd.microsoft.card.adaptive", Assert.Single(final.Attachments!).ContentType);
        Assert.Equal(updates.Count + 1, sent.Count);
        Assert.Equal(1, _streaming.Calls);
    }

    [Fact]
    public async Task Message_ChunksWithinTheInterval_AreAccumulatedIntoTheFinalMessage()
    {
        _streaming.AdvanceBefore = new HashSet<int>();

        await _host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question));

        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message) && r.Activity.Text?.StartsWith("The EU imposed", StringComparison.Ordinal) == true);
        var sent = _connector.Requests.Select(r => r.Activity).ToList();
        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Message], sent.Select(a => a.Type));
        Assert.Equal("informative", StreamInfo(sent[0]).GetProperty("streamType").GetString());
        Assert.Equal("final", StreamInfo(sent[1]).GetProperty("streamType").GetString());
    }

    [Fact]
    public async Task Message_ChannelRefusesStreaming_SendsOnePlainFinalMessage()
    {
        _connector.Respond = call => call == 1 ? 400 : 201;

        await _host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question));

        await AssertOneFinalMessageAsync(streamingCalls: 1);
    }

    [Fact]
    public async Task Message_SearchFailsWhileStreaming_EndsTheStreamSayingSo()
    {
        _streaming.SearchFails = true;

        await _host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question));

        var final = (await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message))).Activity;
        Assert.Equal(AnswerTurns.SearchUnavailableText, final.Text);
        Assert.Equal("final", StreamInfo(final).GetProperty("streamType").GetString());
        Assert.Equal(_connector.Requests[0].ResponseId, StreamInfo(final).GetProperty("streamId").GetString());
    }

    [Theory]
    [InlineData("00:00:00.5")]
    [InlineData("00:01:00")]
    public async Task StartAsync_StreamingIntervalOutOfRange_FailsNamingTheSetting(string interval)
    {
        var exception = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TradeBotTestHost.StartAsync(settings: new Dictionary<string, string?> { ["TradeNewsBot:StreamingInterval"] = interval }));

        Assert.Contains("TradeNewsBot:StreamingInterval", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_InTeamsGroupChat_GetsOneFinalMessage()
    {
        var inbound = TeamsActivities.InChannel(TestActivities.Message(_connector.ServiceUrl, Question), mentionBot: true);
        inbound.Conversation = new ConversationAccount { Id = "19:group@thread.v2", ConversationType = "groupChat", IsGroup = true };

        await _host.PostAsync(inbound);

        await AssertOneFinalMessageAsync(streamingCalls: 0);
    }

    [Fact]
    public async Task Message_OverDirectLine_LivestreamsThenFinalWithCitationDefinitions()
    {
        await _host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question, channelId: Channels.Directline));

        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message) && r.Activity.Text?.StartsWith("The EU imposed", StringComparison.Ordinal) == true);
        var sent = _connector.Requests.Select(r => r.Activity).ToList();
        var updates = sent.TakeWhile(a => a.IsType(ActivityTypes.Typing)).ToList();
        Assert.NotEmpty(updates);
        Assert.Equal("informative", StreamInfo(updates[0]).GetProperty("streamType").GetString());
        var final = sent[updates.Count];
        Assert.Equal(ActivityTypes.Message, final.Type);
        Assert.Equal("final", StreamInfo(final).GetProperty("streamType").GetString());
        Assert.Equal(_connector.Requests[0].ResponseId, StreamInfo(final).GetProperty("streamId").GetString());
        // Web Chat's citations: Markdown reference definitions in the final text.
        Assert.Contains("\n[1]: ", final.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_InWebChat_GetsOneFinalMessage()
    {
        await _host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question, channelId: Channels.Webchat));

        await AssertOneFinalMessageAsync(streamingCalls: 0);
    }

    [Fact]
    public async Task Message_ExpectingReplies_ReturnsOneFinalMessageInTheBody()
    {
        var replies = await _host.PostExpectingRepliesAsync(TestActivities.Message(null, Question));

        Assert.Equal([ActivityTypes.Message], replies.Select(a => a.Type));
        Assert.StartsWith("The EU imposed", replies[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(replies[0].Entities!, e => e.Type == StreamingResponse.EntityType);
        Assert.Equal(0, _streaming.Calls);
    }

    private async Task AssertOneFinalMessageAsync(int streamingCalls)
    {
        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message) && r.Activity.Text?.StartsWith("The EU imposed", StringComparison.Ordinal) == true);
        var sent = _connector.Requests.Select(r => r.Activity).ToList();
        var answer = Assert.Single(sent, a => a.Text?.StartsWith("The EU imposed", StringComparison.Ordinal) == true);
        Assert.Equal(ActivityTypes.Message, answer.Type);
        Assert.Contains(answer.Entities!, e => e.Type == AIMessageEntity.EntityType);
        Assert.All(sent, a => Assert.DoesNotContain(a.Entities ?? [], e => e.Type == StreamingResponse.EntityType));
        Assert.Equal(streamingCalls, _streaming.Calls);
    }

    private static JsonElement StreamInfo(Activity activity) =>
        JsonSerializer.SerializeToElement(Assert.Single(activity.Entities!, e => e.Type == StreamingResponse.EntityType), ActivitySerializer.Options);
}
