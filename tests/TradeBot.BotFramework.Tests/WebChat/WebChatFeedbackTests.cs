using System.Text.Json;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.BotFramework.WebChat;

namespace TradeBot.BotFramework.Tests.WebChat;

/// <summary>Web Chat's vote event, as Web Chat 4.18 posts it (the pressed action as the entity) plus the page's comment.</summary>
public sealed class WebChatFeedbackTests
{
    [Theory]
    [InlineData(WebChatFeedback.LikeAction, "like")]
    [InlineData(WebChatFeedback.DislikeAction, "dislike")]
    public void TryRead_VoteEvent_ReadsReactionRatedAnswerAndComment(string action, string reaction)
    {
        var vote = Vote(action, new { comment = "  Dates are off  " });

        var feedback = WebChatFeedback.TryRead(vote);

        Assert.Equal((reaction, "Dates are off", "answer-7"), (feedback!.Reaction, feedback.Comment, feedback.RatedActivityId));
    }

    [Fact]
    public void TryRead_NoComment_HasNone()
    {
        Assert.Null(WebChatFeedback.TryRead(Vote(WebChatFeedback.LikeAction, new { comment = "" }))!.Comment);
        Assert.Null(WebChatFeedback.TryRead(Vote(WebChatFeedback.LikeAction, null))!.Comment);
    }

    [Fact]
    public void TryRead_OtherEventOrAction_IsNoVote()
    {
        var other = Vote(WebChatFeedback.LikeAction, null);
        other.Name = "webchat/join";
        Assert.Null(WebChatFeedback.TryRead(other));
        Assert.Null(WebChatFeedback.TryRead(Vote("ShareAction", null)));
    }

    [Fact]
    public void Create_WithFeedbackId_OffersBothThumbsNamingTheAnswerAndTheAILabel()
    {
        var entity = JsonSerializer.SerializeToElement(
            WebChatMessageEntity.Create([new WebChatCitation(1, "EU duties", "abstract", "> quote")], feedbackId: "answer-7"),
            ActivitySerializer.Options);

        var actions = entity.GetProperty("potentialAction").EnumerateArray().ToList();
        Assert.Equal([WebChatFeedback.LikeAction, WebChatFeedback.DislikeAction], actions.Select(a => a.GetProperty("@type").GetString()));
        Assert.All(actions, a => Assert.Equal("answer-7", a.GetProperty("object").GetProperty("@id").GetString()));
        var interpreter = entity.GetProperty("citation")[0].GetProperty("claimInterpreter");
        Assert.Equal(("Project", WebChatMessageEntity.AIGeneratedLabel), (interpreter.GetProperty("@type").GetString(), interpreter.GetProperty("slogan").GetString()));
        Assert.False(WebChatMessageEntity.Create([]).Properties!.ContainsKey("potentialAction"));
    }

    private static Activity Vote(string action, object? value)
    {
        var activity = TestActivities.Of(ActivityTypes.Event, null, channelId: Channels.Directline);
        activity.Name = WebChatFeedback.EventName;
        activity.Entities = [Entity.From(new Dictionary<string, object> { ["@type"] = action, ["object"] = new Dictionary<string, string> { ["@id"] = "answer-7" } })];
        activity.Value = value is null ? null : JsonSerializer.SerializeToElement(value);
        return activity;
    }
}
