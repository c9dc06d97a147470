using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using TradeBot.Bot;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.Core.Answers;

namespace TradeBot.Tests.Bot;

public sealed class ConversationMemoryTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Remember_MoreTurnsThanKept_KeepsTheMostRecent()
    {
        var memory = Create(new TradeNewsBotOptions { MemoryTurns = 2 });

        foreach (var question in new[] { "q1", "q2", "q3", "q4" })
        {
            memory.Remember("c", Turn(question));
        }

        Assert.Equal(["q3", "q4"], memory.Recall("c").Select(t => t.Question));
    }

    [Fact]
    public void Recall_AfterIdleExpiry_IsEmpty()
    {
        var memory = Create(new TradeNewsBotOptions { MemoryExpiry = TimeSpan.FromMinutes(30) });
        memory.Remember("c", Turn("q1"));

        _clock.Advance(TimeSpan.FromMinutes(29));
        var stillThere = memory.Recall("c");
        _clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Single(stillThere);
        Assert.Empty(memory.Recall("c"));
    }

    [Fact]
    public void Remember_MoreConversationsThanCapacity_ForgetsLeastRecentlyUsed()
    {
        var memory = Create(new TradeNewsBotOptions { MaxConversations = 10 });
        for (var i = 0; i < 10; i++)
        {
            memory.Remember($"c{i}", Turn("q"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        _ = memory.Recall("c0");
        memory.Remember("c10", Turn("q"));

        Assert.NotEmpty(memory.Recall("c0"));
        Assert.Empty(memory.Recall("c1"));
        Assert.NotEmpty(memory.Recall("c10"));
    }

    private ConversationMemory Create(TradeNewsBotOptions options) => new(Options.Create(options), _clock);

    private static ConversationTurn Turn(string question) => new(question, Answer.NotCovered(question, "n/a"));
}
