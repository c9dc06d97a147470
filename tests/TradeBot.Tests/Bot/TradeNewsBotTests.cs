using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.Bot;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.Tests.Bot;

/// <summary>TradeNewsBot through /api/messages on a loopback server, with the fake answerer and a recording connector.</summary>
public sealed class TradeNewsBotTests : IAsyncLifetime
{
    private const string Question = "What duties did the EU put on Chinese EVs?";
    private TestConnector _connector = null!;
    private TradeBotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await TestConnector.StartAsync();
        _host = await TradeBotTestHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Message_InTeams_RepliesWithMarkersCitationEntityAiLabelAndFeedback()
    {
        var replies = await _host.PostExpectingRepliesAsync(TestActivities.Message(null, Question));

        // One message: the follow-up questions come with the answer, as a card of buttons.
        var answer = Assert.Single(replies);
        Assert.Null(answer.SuggestedActions);
        Assert.Equal(TextFormatTypes.Markdown, answer.TextFormat);
        Assert.StartsWith("The EU imposed provisional duties of up to 37.6% on electric vehicles imported from China [1].", answer.Text, StringComparison.Ordinal);
        // Teams lists the sources from the citation entity: the text carries only the markers.
        Assert.DoesNotContain("Sources", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeQuestionAnswerer.EvDuties.Title, answer.Text, StringComparison.Ordinal);

        var entity = Assert.Single(answer.Entities!);
        var json = JsonSerializer.SerializeToElement(entity, ActivitySerializer.Options);
        Assert.Equal("https://schema.org/Message", json.GetProperty("type").GetString());
        Assert.Equal("AIGeneratedContent", json.GetProperty("additionalType")[0].GetString());
        var citation = json.GetProperty("citation")[0];
        Assert.Equal(1, citation.GetProperty("position").GetInt32());
        var appearance = citation.GetProperty("appearance");
        Assert.Equal(FakeQuestionAnswerer.EvDuties.Title, appearance.GetProperty("name").GetString());
        Assert.Equal(FakeQuestionAnswerer.EvDuties.Url, appearance.GetProperty("url").GetString());
        Assert.StartsWith("The European Commission said on Thursday", appearance.GetProperty("abstract").GetString(), StringComparison.Ordinal);
        Assert.True(answer.ChannelData!.Value.GetProperty("feedbackLoopEnabled").GetBoolean());

        var card = Assert.Single(answer.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.ContentType);
        var body = card.Content!.Value.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal(AnswerActivityFactory.FollowUpText, body[0].GetProperty("text").GetString());
        var actions = card.Content.Value.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["What did China do in response?", "When do the definitive duties start?", "Which carmakers are affected?"],
            actions.Select(a => a.GetProperty("data").GetProperty("question").GetString()));
        Assert.All(actions, a => Assert.Equal("Action.Submit", a.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Message_InWebChat_AddsReferenceDefinitionsAndNoTeamsFeedback()
    {
        var replies = await _host.PostExpectingRepliesAsync(TestActivities.Message(null, Question, channelId: Channels.Webchat));

        var answer = replies[0];
        // cite: rather than the article's address, so that the marker opens Web Chat's citation dialog (which links to it).
        Assert.Contains($"[1]: cite:1 \"{FakeQuestionAnswerer.EvDuties.Title}\"", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sources", answer.Text, StringComparison.Ordinal);
        Assert.Null(answer.ChannelData);
        // Web Chat shows the follow-ups as its own suggested actions of the answer.
        Assert.Single(replies);
        Assert.Equal(3, answer.SuggestedActions!.Actions.Count);
        Assert.Null(answer.Attachments);
    }

    [Fact]
    public async Task Message_NotCovered_HasNoSourcesAndNoCitations()
    {
        var replies = await _host.PostExpectingRepliesAsync(TestActivities.Message(null, "Do unicorns pay tariffs?"));

        var answer = Assert.Single(replies);
        Assert.Equal("The articles I have do not cover that question.", answer.Text);
        var entity = JsonSerializer.SerializeToElement(Assert.Single(answer.Entities!), ActivitySerializer.Options);
        Assert.False(entity.TryGetProperty("citation", out _));
    }

    [Fact]
    public async Task Message_ThroughConnector_SendsTypingThenAnswer()
    {
        using var response = await _host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message) && r.Activity.Text?.StartsWith("The EU imposed", StringComparison.Ordinal) == true);
        var sent = _connector.Requests.Select(r => r.Activity).ToList();
        Assert.Equal(ActivityTypes.Typing, sent[0].Type);
        Assert.StartsWith("The EU imposed", sent[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_SlowAnswer_KeepsTypingUntilTheAnswerIsReady()
    {
        await using var host = await TradeBotTestHost.StartAsync(settings: new Dictionary<string, string?> { ["TradeNewsBot:TypingInterval"] = "00:00:00.050" });
        host.Answerer.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The turn runs inside the request: the post completes once the answer is released, after typing repeated.
        var post = host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question));
        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Typing));
        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Typing) && _connector.Requests.Count(q => q.Activity.IsType(ActivityTypes.Typing)) >= 2);
        host.Answerer.Hold.SetResult();
        (await post).Dispose();
        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message) && r.Activity.Text?.StartsWith("The EU imposed", StringComparison.Ordinal) == true);

        var types = _connector.Requests.Select(r => r.Activity.Type).ToList();
        var answerAt = types.IndexOf(ActivityTypes.Message);
        Assert.True(answerAt >= 2, $"expected repeated typing before the answer: {string.Join(", ", types)}");
        Assert.All(types[..answerAt], t => Assert.Equal(ActivityTypes.Typing, t));
        Assert.DoesNotContain(ActivityTypes.Typing, types[answerAt..]);
    }

    [Fact]
    public async Task StartAsync_InvalidBotSettings_FailsNamingTheSetting()
    {
        var exception = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TradeBotTestHost.StartAsync(settings: new Dictionary<string, string?> { ["TradeNewsBot:MaxQuestionLength"] = "0" }));

        Assert.Contains("TradeNewsBot:MaxQuestionLength", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_InChannelWithoutMention_IsIgnored()
    {
        var replies = await _host.PostExpectingRepliesAsync(TeamsActivities.InChannel(TestActivities.Message(null, Question), mentionBot: false));

        Assert.Empty(replies);
        Assert.Empty(_host.Answerer.Calls);
    }

    [Fact]
    public async Task Message_InChannelFromTheAnswersCard_IsAnsweredWithoutMention()
    {
        var clicked = TeamsActivities.InChannel(TestActivities.Message(null, string.Empty), mentionBot: false);
        clicked.Value = JsonSerializer.SerializeToElement(new { question = Question });

        var replies = await _host.PostExpectingRepliesAsync(clicked);

        Assert.Equal(Question, Assert.Single(_host.Answerer.Calls).Question);
        Assert.StartsWith("The EU imposed", replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_InChannelWithMention_AnswersQuestionWithoutMention()
    {
        var replies = await _host.PostExpectingRepliesAsync(TeamsActivities.InChannel(TestActivities.Message(null, Question), mentionBot: true));

        Assert.StartsWith("The EU imposed", replies[0].Text, StringComparison.Ordinal);
        Assert.Equal(Question, Assert.Single(_host.Answerer.Calls).Question);
    }

    [Fact]
    public async Task Message_FollowUp_GetsEarlierTurnsOfSameConversationOnly()
    {
        await _host.PostExpectingRepliesAsync(TestActivities.Message(null, Question, conversationId: "a"));
        await _host.PostExpectingRepliesAsync(TestActivities.Message(null, "What did China do in response?", conversationId: "a"));
        await _host.PostExpectingRepliesAsync(TestActivities.Message(null, "Something else", conversationId: "b"));

        var calls = _host.Answerer.Calls;
        Assert.Empty(calls[0].History);
        Assert.Equal(Question, Assert.Single(calls[1].History).Question);
        Assert.Empty(calls[2].History);
    }

    [Fact]
    public async Task Message_TenThousandCharacters_GetsPoliteReplyWithoutAnswering()
    {
        var replies = await _host.PostExpectingRepliesAsync(TestActivities.Message(null, new string('x', 10_000)));

        var reply = Assert.Single(replies);
        Assert.Contains("10,000 characters", reply.Text, StringComparison.Ordinal);
        Assert.Contains("under 1,000 characters", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_host.Answerer.Calls);
    }

    [Fact]
    public async Task Message_Empty_GetsHint()
    {
        var replies = await _host.PostExpectingRepliesAsync(TestActivities.Message(null, "   "));

        Assert.Equal(AnswerTurns.EmptyQuestionText, Assert.Single(replies).Text);
    }

    [Fact]
    public async Task ConversationUpdate_UserAddedTwice_WelcomedOnceWithCorpusFacts()
    {
        var first = await _host.PostExpectingRepliesAsync(MembersAdded("group-1", isGroup: true));
        var second = await _host.PostExpectingRepliesAsync(MembersAdded("group-1", isGroup: true));

        // One welcome: the examples are its suggested actions, not repeated in its text.
        var welcome = Assert.Single(first);
        Assert.Contains("1,234 articles", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("between 3 Jan 2024 and 20 Nov 2026", welcome.Text, StringComparison.Ordinal);
        Assert.StartsWith("Hi Ada!", welcome.Text, StringComparison.Ordinal);
        Assert.EndsWith(WelcomeMessage.ExamplesPrompt, welcome.Text, StringComparison.Ordinal);
        Assert.Equal(FakeCorpusOverview.Summary.ExampleQuestions.Take(3), welcome.SuggestedActions!.Actions.Select(a => a.Title));
        foreach (var example in FakeCorpusOverview.Summary.ExampleQuestions)
        {
            Assert.DoesNotContain(example, welcome.Text, StringComparison.Ordinal);
        }

        Assert.Empty(second);
    }

    [Fact]
    public async Task ConversationUpdate_TeamsPersonalInstall_WelcomedOnceAcrossInstallAndMembersAdded()
    {
        var install = TestActivities.Of(ActivityTypes.InstallationUpdate, null, conversationId: "personal-1");
        install.Action = "add";

        var fromInstall = await _host.PostExpectingRepliesAsync(install);
        var fromUpdate = await _host.PostExpectingRepliesAsync(MembersAdded("personal-1", isGroup: false));

        Assert.Contains("1,234 articles", fromInstall[0].Text, StringComparison.Ordinal);
        Assert.Empty(fromUpdate);
    }

    [Fact]
    public async Task Invoke_TeamsFeedback_Returns200EmptyAndStoresVoteWithQuestion()
    {
        await _host.PostAsync(TestActivities.Message(_connector.ServiceUrl, Question, conversationId: "fb"));
        var answer = await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        var ratedId = answer.ResponseId;

        using var response = await _host.PostAsync(TeamsActivities.Feedback(TestActivities.Of(ActivityTypes.Invoke, _connector.ServiceUrl, "fb"), "dislike", "Dates are off", ratedId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var stored = Assert.Single(await _host.Services.GetRequiredService<IFeedbackStore>().ReadAllAsync());
        Assert.Equal(("dislike", "Dates are off", ratedId, Question, "fb", "msteams"),
            (stored.Reaction, stored.Comment, stored.RatedActivityId, stored.Question, stored.ConversationId, stored.ChannelId));
        Assert.True(File.Exists(_host.FeedbackPath));
    }

    [Fact]
    public async Task Invoke_Unknown_Returns501()
    {
        var invoke = TestActivities.Of(ActivityTypes.Invoke, _connector.ServiceUrl);
        invoke.Name = "composeExtension/query";

        using var response = await _host.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_AdaptiveCardActionWithQuestion_AnswersAndReturnsMessageResponse()
    {
        var invoke = TestActivities.Of(ActivityTypes.Invoke, null);
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "ask", data = new { question = Question } }, trigger = "manual" });

        var replies = await _host.PostExpectingRepliesAsync(invoke);

        Assert.Equal(ActivityTypes.Message, replies[0].Type);
        var invokeResponse = replies[^1];
        Assert.Equal(ActivityTypes.InvokeResponse, invokeResponse.Type);
        Assert.Equal(200, invokeResponse.Value!.Value.GetProperty("body").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Healthz_Always_Returns200()
    {
        using var response = await _host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_FailingReadyCheck_Returns503()
    {
        await using var host = await TradeBotTestHost.StartAsync(services =>
        {
            services.AddSingleton<TradeBot.Core.Answers.IQuestionAnswerer, FakeQuestionAnswerer>();
            services.AddSingleton<TradeBot.Core.Answers.ICorpusOverview, FakeCorpusOverview>();
            services.AddHealthChecks().AddCheck("corpus", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("not ingested"), [TradeBot.Core.HealthTags.Ready]);
        });

        using var ready = await host.Client.GetAsync("/readyz");
        using var live = await host.Client.GetAsync("/healthz");
        using var readyHere = await _host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyHere.StatusCode);
    }

    private static Activity MembersAdded(string conversationId, bool isGroup)
    {
        var update = TestActivities.Of(ActivityTypes.ConversationUpdate, null, conversationId);
        update.Conversation!.ConversationType = isGroup ? "groupChat" : "personal";
        update.Conversation.IsGroup = isGroup;
        update.MembersAdded = [new ChannelAccount("29:user-1", "Ada"), new ChannelAccount("28:bot", "TradeBot")];
        return update;
    }
}
