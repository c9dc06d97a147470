using System.Text.Json;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;

namespace TradeBot.BotFramework.Tests.Teams;

public sealed class FeedbackSubmissionTests
{
    [Fact]
    public void TryRead_TeamsDislikeWithComment_ReadsReactionCommentAndRatedMessage()
    {
        var activity = Invoke("""{"actionName":"feedback","actionValue":{"reaction":"dislike","feedback":"{\"feedbackText\":\"Wrong date\"}"}}""");

        var feedback = FeedbackSubmission.TryRead(activity);

        Assert.Equal(new FeedbackSubmission("dislike", "Wrong date", "bot-msg-7"), feedback);
    }

    [Fact]
    public void TryRead_LikeWithoutComment_HasNoComment()
    {
        var feedback = FeedbackSubmission.TryRead(Invoke("""{"actionName":"feedback","actionValue":{"reaction":"like"}}"""));

        Assert.Equal(new FeedbackSubmission("like", null, "bot-msg-7"), feedback);
    }

    [Fact]
    public void TryRead_OtherSubmitAction_ReturnsNull()
    {
        Assert.Null(FeedbackSubmission.TryRead(Invoke("""{"actionName":"somethingElse","actionValue":{}}""")));
    }

    [Theory]
    [InlineData("""{"actionName":5,"actionValue":{"reaction":"like"}}""", null)]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":{"feedbackText":5}}}""", "like")]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":"{\"feedbackText\":{}}"}}""", "like")]
    public void TryRead_NonStringFields_IgnoredWithoutThrowing(string value, string? reaction)
    {
        var feedback = FeedbackSubmission.TryRead(Invoke(value));

        Assert.Equal(reaction, feedback?.Reaction);
        Assert.Null(feedback?.Comment);
    }

    private static Activity Invoke(string value) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = FeedbackSubmission.InvokeName,
        ReplyToId = "bot-msg-7",
        Value = JsonDocument.Parse(value).RootElement.Clone(),
    };
}
