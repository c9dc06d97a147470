using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradeBot.BotFramework.DirectLine;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Tests.DirectLine;

/// <summary>What the self-hosted Direct Line keeps in memory is bounded per conversation and in total, and expires.</summary>
public sealed class DirectLineConversationStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Append_OverConversationByteCap_DropsOldestKeepsNewest()
    {
        using var store = Store(new DirectLineOptions { MaxActivityBytes = 1024, MaxConversationBytes = 4096 });
        var a = Start(store, "a");

        for (var i = 0; i < 10; i++)
        {
            a.Append(Message($"a{i}"));
        }

        var kept = Texts(a);
        Assert.Equal("a9", kept[^1]);
        Assert.DoesNotContain("a0", kept);
        Assert.InRange(SizeOf(a), 1, 4096);
        Assert.Equal(SizeOf(a), store.TotalBytes);
        Assert.Equal(kept.Count, store.TotalActivities);
    }

    [Fact]
    public void Append_OverActivityCount_DropsOldest()
    {
        using var store = Store(new DirectLineOptions { MaxActivitiesPerConversation = 3 });
        var a = Start(store, "a");

        for (var i = 0; i < 5; i++)
        {
            a.Append(Message($"a{i}"));
        }

        Assert.Equal(["a2", "a3", "a4"], Texts(a));
    }

    [Fact]
    public void Append_OverTotalByteCap_DropsOldestOfAnyConversation()
    {
        var one = SizeOf(Message("a0"));
        using var store = Store(new DirectLineOptions { MaxActivityBytes = 1024, MaxConversationBytes = 1024 * 1024, MaxTotalActivityBytes = (one * 5) + (one / 2) });
        var a = Start(store, "a");
        var b = Start(store, "b");

        a.Append(Message("a0"));
        a.Append(Message("a1"));
        b.Append(Message("b0"));
        b.Append(Message("b1"));
        a.Append(Message("a2"));
        b.Append(Message("b2"));
        b.Append(Message("b3"));

        // Seven activities, room for five: a0 and a1 were the oldest, though a is under its own cap.
        Assert.Equal(["a2"], Texts(a));
        Assert.Equal(["b0", "b1", "b2", "b3"], Texts(b));
        Assert.True(store.TotalBytes <= one * 5.5);
    }

    [Fact]
    public void Append_OverTotalActivityCount_DropsOldestOfAnyConversation()
    {
        using var store = Store(new DirectLineOptions { MaxActivitiesPerConversation = 3, MaxTotalActivities = 4 });
        var a = Start(store, "a");
        var b = Start(store, "b");

        a.Append(Message("a0"));
        b.Append(Message("b0"));
        a.Append(Message("a1"));
        b.Append(Message("b1"));
        b.Append(Message("b2"));

        Assert.Equal(["a1"], Texts(a));
        Assert.Equal(["b0", "b1", "b2"], Texts(b));
        Assert.Equal(4, store.TotalActivities);
    }

    [Fact]
    public void Sweeper_IdleConversations_ExpireAndGiveTheirMemoryBackWithoutAnotherRequest()
    {
        using var store = Store(new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromMinutes(10) });
        var idle = Start(store, "idle");
        var busy = Start(store, "busy");
        idle.Append(Message("x"));
        busy.Append(Message("y"));

        for (var minute = 0; minute < 11; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            Assert.NotNull(store.Find("busy"));
        }

        // The timer swept on its own: nothing asked for "idle".
        Assert.Equal(1, store.Count);
        Assert.Equal(SizeOf(Message("y", "busy|0000001")), store.TotalBytes);
        Assert.Null(store.Find("idle"));
    }

    [Fact]
    public void Append_AfterConversationEnded_KeepsNothing()
    {
        using var store = Store(new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromMinutes(10) });
        var a = Start(store, "a");
        a.Append(Message("before"));

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(store.Find("a"));
        // A turn that was still answering when the conversation expired.
        a.Append(Message("late"));

        Assert.Equal((0L, 0L), (store.TotalBytes, store.TotalActivities));
    }

    private DirectLineConversationStore Store(DirectLineOptions options) => new(Options.Create(options), _clock);

    private DirectLineConversation Start(DirectLineConversationStore store, string id) =>
        store.GetOrCreate(new DirectLineToken(id, "user", _clock.GetUtcNow().AddHours(1))).Conversation!;

    private static Activity Message(string text, string? id = null) => new() { Type = ActivityTypes.Message, Text = text + new string(' ', 500), Id = id };

    private static List<string> Texts(DirectLineConversation conversation) =>
        [.. conversation.After(null).Activities.Select(activity => activity.Text!.TrimEnd())];

    private static long SizeOf(DirectLineConversation conversation) => conversation.After(null).Activities.Sum(SizeOf);

    private static long SizeOf(Activity activity) => JsonSerializer.SerializeToUtf8Bytes(activity, ActivitySerializer.Options).Length;
}
