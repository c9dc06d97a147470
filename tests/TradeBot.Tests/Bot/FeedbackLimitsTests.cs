using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.Bot;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.Tests.Bot;

/// <summary>Feedback anyone can send (Direct Line is public) is bounded in size and rate, and lands in the data folder.</summary>
public sealed class FeedbackLimitsTests
{
    [Fact]
    public async Task Feedback_RelativeFeedbackPath_WrittenUnderTheDataFolder()
    {
        var data = Directory.CreateTempSubdirectory("tradebot-data-").FullName;
        var file = $"feedback-{Guid.NewGuid():N}.jsonl";
        try
        {
            await using var host = await TradeBotTestHost.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Corpus:DataPath"] = data,
                ["TradeNewsBot:FeedbackPath"] = file,
            });

            using var response = await host.PostAsync(Vote("conv-data", "like", "Useful"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(File.Exists(Path.Combine(data, file)), "the feedback file is in Corpus:DataPath");
            Assert.False(File.Exists(Path.GetFullPath(file)), "nothing is written to the working folder");
        }
        finally
        {
            File.Delete(Path.GetFullPath(file));
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Feedback_OverPerConversationLimit_IgnoredWhileOtherConversationsAreStored()
    {
        await using var host = await TradeBotTestHost.StartAsync(settings: new Dictionary<string, string?> { ["TradeNewsBot:FeedbackPerConversation"] = "2" });

        for (var i = 0; i < 4; i++)
        {
            using var response = await host.PostAsync(Vote("conv-flood", "dislike", $"vote {i}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var other = await host.PostAsync(Vote("conv-other", "like", null));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var stored = await host.Services.GetRequiredService<IFeedbackStore>().ReadAllAsync();
        Assert.Equal(["vote 0", "vote 1"], stored.Where(r => r.ConversationId == "conv-flood").Select(r => r.Comment));
        Assert.Single(stored, r => r.ConversationId == "conv-other");
    }

    [Fact]
    public async Task Feedback_LongCommentAndReaction_StoredBounded()
    {
        await using var host = await TradeBotTestHost.StartAsync(settings: new Dictionary<string, string?> { ["TradeNewsBot:MaxFeedbackLength"] = "100" });

        using var response = await host.PostAsync(Vote("conv-long", "dislike", new string('c', 10_000)));
        using var odd = await host.PostAsync(Vote("conv-long", new string('r', 10_000), "odd reaction"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        var stored = Assert.Single(await host.Services.GetRequiredService<IFeedbackStore>().ReadAllAsync());
        Assert.Equal("dislike", stored.Reaction);
        Assert.InRange(stored.Comment!.Length, 1, 100);
    }

    private static Activity Vote(string conversationId, string reaction, string? comment) =>
        TeamsActivities.Feedback(TestActivities.Of(ActivityTypes.Invoke, new Uri("http://127.0.0.1:9"), conversationId), reaction, comment, "answer-1");
}
