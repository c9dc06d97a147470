using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Teams;

/// <summary>Teams streaming: the wire shape of each update, throttling on an injected clock, and the fallbacks.</summary>
public sealed class StreamingResponseTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly ScriptedTurnContext _turn = new(TestActivities.Message(new Uri("https://smba.example/teams"), "question"));

    [Fact]
    public async Task Stream_UpdatesThenFinal_CarryOneStreamIdAndIncreasingSequence()
    {
        var stream = new StreamingResponse(_turn, _clock);

        await stream.QueueInformativeUpdateAsync("Searching…");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await stream.QueueTextChunkAsync("The EU ");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await stream.QueueTextChunkAsync("imposed duties.");
        var final = _turn.Activity.CreateReply("The EU imposed duties [1].");
        final.Entities = [AIMessageEntity.Create([new MessageCitation(1, "EU duties", null, "abstract", [])])];
        var response = await stream.EndStreamAsync(final);

        Assert.Equal(4, _turn.Sent.Count);
        var updates = _turn.Sent.Take(3).ToList();
        Assert.All(updates, u => Assert.Equal(ActivityTypes.Typing, u.Type));
        Assert.Equal(["Searching…", "The EU ", "The EU imposed duties."], updates.Select(u => u.Text));
        Assert.Equal(["informative", "streaming", "streaming"], updates.Select(u => StreamInfo(u).GetProperty("streamType").GetString()));
        Assert.Equal([1, 2, 3], updates.Select(u => StreamInfo(u).GetProperty("streamSequence").GetInt32()));
        Assert.False(StreamInfo(updates[0]).TryGetProperty("streamId", out _));
        Assert.All(updates.Skip(1), u => Assert.Equal("sent-1", StreamInfo(u).GetProperty("streamId").GetString()));

        var sentFinal = _turn.Sent[3];
        Assert.Equal(ActivityTypes.Message, sentFinal.Type);
        Assert.Equal("The EU imposed duties [1].", sentFinal.Text);
        var info = StreamInfo(sentFinal);
        Assert.Equal("final", info.GetProperty("streamType").GetString());
        Assert.Equal("sent-1", info.GetProperty("streamId").GetString());
        Assert.False(info.TryGetProperty("streamSequence", out _));
        Assert.Contains(sentFinal.Entities!, e => e.Type == AIMessageEntity.EntityType);
        Assert.Equal("sent-4", response.Id);
        Assert.Equal("sent-1", stream.StreamId);
    }

    [Fact]
    public async Task Stream_OnDirectLine_CarriesTheStreamFieldsInChannelDataForWebChat()
    {
        var turn = new ScriptedTurnContext(TestActivities.Message(new Uri("https://directline.example/"), "question", channelId: Channels.Directline));
        var stream = new StreamingResponse(turn, _clock);

        await stream.QueueInformativeUpdateAsync("Searching…");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await stream.QueueTextChunkAsync("The EU ");
        var final = turn.Activity.CreateReply("The EU imposed duties [1].");
        final.ChannelData = JsonSerializer.SerializeToElement(new { feedbackLoopEnabled = true });
        await stream.EndStreamAsync(final);

        // Web Chat reads the livestream from channelData: the informative line hides behind its typing indicator, and
        // every activity of the stream id is one bubble, which the final message replaces.
        var data = turn.Sent.Select(a => a.ChannelData!.Value).ToList();
        Assert.Equal(["informative", "streaming", "final"], data.Select(d => d.GetProperty("streamType").GetString()));
        Assert.False(data[0].TryGetProperty("streamId", out _));
        Assert.Equal(["sent-1", "sent-1"], data.Skip(1).Select(d => d.GetProperty("streamId").GetString()));
        Assert.Equal([1, 2], data.Take(2).Select(d => d.GetProperty("streamSequence").GetInt32()));
        Assert.False(data[2].TryGetProperty("streamSequence", out _));
        Assert.True(data[2].GetProperty("feedbackLoopEnabled").GetBoolean());
        Assert.All(turn.Sent, a => Assert.Single(a.Entities!, e => e.Type == StreamingResponse.EntityType));
    }

    [Fact]
    public async Task Stream_InTeams_LeavesChannelDataAlone()
    {
        var stream = new StreamingResponse(_turn, _clock);

        await stream.QueueInformativeUpdateAsync("Searching…");
        await stream.EndStreamAsync(_turn.Activity.CreateReply("Done."));

        Assert.All(_turn.Sent, a => Assert.Null(a.ChannelData));
    }

    [Fact]
    public async Task QueueTextChunk_BeforeTheIntervalPassed_AccumulatesWithoutSending()
    {
        var stream = new StreamingResponse(_turn, _clock);

        await stream.QueueTextChunkAsync("one ");
        await stream.QueueTextChunkAsync("two ");
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        await stream.QueueTextChunkAsync("three ");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await stream.QueueTextChunkAsync("four");

        Assert.Equal(["one ", "one two three four"], _turn.Sent.Select(u => u.Text));
        Assert.Equal("one two three four", stream.Text);
        Assert.Equal(2, stream.Sequence);
    }

    [Fact]
    public async Task QueueInformativeUpdate_AfterTextWasStreamed_IsNotSent()
    {
        var stream = new StreamingResponse(_turn, _clock);

        await stream.QueueTextChunkAsync("Answer text");
        _clock.Advance(TimeSpan.FromSeconds(2));
        await stream.QueueInformativeUpdateAsync("Still searching…");

        Assert.Single(_turn.Sent);
    }

    [Fact]
    public async Task EndStream_StartRefused_SendsOnePlainFinalMessage()
    {
        _turn.Respond = (call, _) => call == 1 ? new ResourceResponse { FailureStatusCode = 400, FailureCode = "BadArgument" } : new ResourceResponse($"sent-{call}");
        var stream = new StreamingResponse(_turn, _clock);

        await stream.QueueInformativeUpdateAsync("Searching…");
        _clock.Advance(TimeSpan.FromSeconds(5));
        await stream.QueueTextChunkAsync("partial");
        var response = await stream.EndStreamAsync(_turn.Activity.CreateReply("Full answer"));

        Assert.True(stream.Failed);
        Assert.Null(stream.StreamId);
        Assert.Equal(2, _turn.Sent.Count);
        var final = _turn.Sent[1];
        Assert.Equal(ActivityTypes.Message, final.Type);
        Assert.Equal("Full answer", final.Text);
        Assert.Null(final.Entities);
        Assert.Equal("sent-2", response.Id);
    }

    [Fact]
    public async Task EndStream_FinalRefused_ResendsTheAnswerWithoutStreamInfo()
    {
        _turn.Respond = (call, _) => call == 2 ? new ResourceResponse { FailureStatusCode = 403 } : new ResourceResponse($"sent-{call}");
        var stream = new StreamingResponse(_turn, _clock);
        await stream.QueueTextChunkAsync("partial");
        var final = _turn.Activity.CreateReply("Full answer");
        final.Entities = [AIMessageEntity.Create([])];

        var response = await stream.EndStreamAsync(final);

        Assert.Equal(3, _turn.Sent.Count);
        Assert.Contains(_turn.Sent[1].Entities!, e => e.Type == StreamingResponse.EntityType);
        var plain = _turn.Sent[2];
        Assert.Equal("Full answer", plain.Text);
        Assert.DoesNotContain(plain.Entities!, e => e.Type == StreamingResponse.EntityType);
        Assert.Contains(plain.Entities!, e => e.Type == AIMessageEntity.EntityType);
        Assert.Equal("sent-3", response.Id);
    }

    [Fact]
    public async Task Stream_UserPressedStop_SendsNothingMore()
    {
        _turn.Respond = (call, _) => call == 2 ? new ResourceResponse { FailureStatusCode = 403, FailureCode = "ContentStreamNotAllowed" } : new ResourceResponse($"sent-{call}");
        var stream = new StreamingResponse(_turn, _clock);
        await stream.QueueTextChunkAsync("one ");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await stream.QueueTextChunkAsync("two ");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await stream.QueueTextChunkAsync("three");

        var response = await stream.EndStreamAsync(_turn.Activity.CreateReply("Full answer"));

        Assert.True(stream.Cancelled);
        Assert.Equal(2, _turn.Sent.Count);
        Assert.Equal("sent-1", response.Id);
    }

    [Fact]
    public async Task Stream_AfterTheTimeLimit_StopsUpdatingButStillEnds()
    {
        var stream = new StreamingResponse(_turn, _clock);
        await stream.QueueTextChunkAsync("one ");
        _clock.Advance(StreamingResponse.MaxDuration);
        await stream.QueueTextChunkAsync("two");

        await stream.EndStreamAsync(_turn.Activity.CreateReply("Full answer"));

        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Message], _turn.Sent.Select(a => a.Type));
    }

    [Theory]
    [InlineData(Channels.Msteams, "personal", false, true)]
    [InlineData(Channels.Msteams, "groupChat", false, false)]
    [InlineData(Channels.Msteams, "channel", false, false)]
    [InlineData(Channels.Msteams, "personal", true, false)]
    [InlineData(Channels.Webchat, "personal", false, false)]
    [InlineData(Channels.Emulator, "personal", false, false)]
    public void IsSupported_OnlyTeamsPersonalChatsWithChannelDelivery(string channelId, string conversationType, bool expectReplies, bool supported)
    {
        var activity = TestActivities.Message(null, "question", channelId: channelId);
        activity.Conversation!.ConversationType = conversationType;

        Assert.Equal(supported, StreamingResponse.IsSupported(new ScriptedTurnContext(activity, expectReplies)));
    }

    private static JsonElement StreamInfo(Activity activity) =>
        JsonSerializer.SerializeToElement(Assert.Single(activity.Entities!, e => e.Type == StreamingResponse.EntityType), ActivitySerializer.Options);
}
