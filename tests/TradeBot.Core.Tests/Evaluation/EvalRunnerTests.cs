using Microsoft.Extensions.Time.Testing;
using TradeBot.Core.Answers;
using TradeBot.Core.Evaluation;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Tests.Evaluation;

/// <summary>The runner and its figures on a hand-built set: a scripted answerer on a fake clock and a scripted ranking.</summary>
public sealed class EvalRunnerTests
{
    private static readonly EvalJudge NoArticles = new((_, _) => Task.FromResult<IReadOnlyList<string>>([]));

    private readonly FakeTimeProvider _clock = new();
    private readonly List<RetrievalRequest> _requests = [];

    [Fact]
    public async Task RunAsync_HandBuiltSet_CountsPassesPerKindOfCase()
    {
        var report = await RunSetAsync();

        Assert.Equal(new Rate(4, 6), report.PassRate);
        Assert.Equal(new Rate(3, 5), report.SingleTurnPassRate);
        Assert.Equal(new Rate(1, 1), report.MultiTurnPassRate);
        Assert.False(report.AllPassed);
        Assert.Equal(["declined to answer", "should have declined, but answered"], report.Cases.Where(c => !c.Passed).Select(c => c.Failure));
    }

    [Fact]
    public async Task RunAsync_HandBuiltSet_CountsFalseRefusalsAndFalseAnswers()
    {
        var report = await RunSetAsync();

        Assert.Equal(1, report.FalseRefusals);
        Assert.Equal(1, report.FalseAnswers);
        Assert.Equal(2, report.RefuseCases);
    }

    [Fact]
    public async Task RunAsync_HandBuiltSet_RecallCountsDistinctArticlesAndSkipsRefuseAndGoldlessCases()
    {
        var report = await RunSetAsync();

        Assert.Equal(new Rate(1, 3), report.RecallAt1);
        Assert.Equal(new Rate(2, 3), report.RecallAt5);
        Assert.Equal(new Rate(3, 3), report.RecallAt20);
        var ranks = report.Cases.ToDictionary(c => c.Id, c => (c.RecallMeasured, c.GoldRank));
        Assert.Equal((true, 3), ranks["duplicates"]);
        Assert.Equal((true, 7), ranks["declined"]);
        Assert.Equal((true, 1), ranks["follow-up"]);
        Assert.Equal((false, null), ranks["refused"]);
        Assert.Equal((false, null), ranks["no-gold"]);
    }

    [Fact]
    public async Task RunAsync_HandBuiltSet_RetrievesOnlyTheLastTurnWithTheEarlierOnesAsContext()
    {
        await RunSetAsync();

        Assert.Equal(["Wine exports?", "Why was it declined?", "And the response?"], _requests.Select(r => r.Question));
        Assert.All(_requests, r => Assert.Equal(EvalRunner.RetrievalDepth, r.Top));
        Assert.Equal(["What did China do?"], _requests[2].Context);
        Assert.Empty(_requests[0].Context!);
    }

    [Fact]
    public async Task RunAsync_HandBuiltSet_LatencyPercentilesOverAnsweredTurnsAfterTheFirst()
    {
        var report = await RunSetAsync();

        Assert.Equal(10, report.FirstTurnLatencyMs);
        Assert.Equal([30, 20, 40, 50], report.AnsweredLatenciesMs);
        Assert.Equal(30, report.LatencyP50Ms);
        Assert.Equal(50, report.LatencyP95Ms);
        Assert.Equal([20d, 40d], report.Cases.Single(c => c.Id == "follow-up").Turns.Select(t => t.LatencyMs));
    }

    [Fact]
    public async Task RunCaseAsync_GoldNeverRetrieved_IsMeasuredAsAMiss()
    {
        var runner = Runner(new ScriptedAnswerer(_clock, new() { ["Q?"] = (true, "A", 5) }), _ => ["x", "y"]);

        var result = await runner.RunCaseAsync(new EvalCase("miss", ["Q?"], Articles: ["gold"]));

        Assert.True(result.RecallMeasured);
        Assert.Null(result.GoldRank);
        Assert.False(result.HitAt(20));
    }

    [Fact]
    public void Percentile_NearestRank_PicksTheSmallestValueCoveringTheShare()
    {
        double[] values = [50, 15, 40, 20, 35];

        Assert.Equal(20, EvalReport.Percentile(values, 30));
        Assert.Equal(20, EvalReport.Percentile(values, 40));
        Assert.Equal(35, EvalReport.Percentile(values, 50));
        Assert.Equal(50, EvalReport.Percentile(values, 95));
        Assert.Equal(50, EvalReport.Percentile(values, 100));
        Assert.Equal(15, EvalReport.Percentile(values, 1));
        Assert.Equal(7, EvalReport.Percentile([7], 95));
        Assert.Null(EvalReport.Percentile([], 50));
    }

    [Fact]
    public void Rate_NoCases_HasNoShare()
    {
        Assert.Null(new Rate(0, 0).Share);
        Assert.Equal("0/0", new Rate(0, 0).ToString());
        Assert.Equal("1/4 (25.0%)", new Rate(1, 4).ToString());
    }

    private Task<EvalReport> RunSetAsync()
    {
        var answerer = new ScriptedAnswerer(_clock, new()
        {
            ["Wine exports?"] = (true, "They grew 15 pct.", 10),
            ["Why was it declined?"] = (false, "The articles do not say.", 1000),
            ["Capital of France?"] = (true, "Paris.", 30),
            ["Moon landing?"] = (false, "The articles do not say.", 500),
            ["What did China do?"] = (true, "China retaliated.", 20),
            ["And the response?"] = (true, "The US answered.", 40),
            ["No gold?"] = (true, "An answer.", 50),
        });
        var runner = Runner(answerer, request => request.Question switch
        {
            // Five passages of one article before the gold one: the gold article is third among distinct articles.
            "Wine exports?" => ["a", "a", "a", "a", "a", "b", "g1", "g1"],
            "Why was it declined?" => ["a", "b", "a", "c", "d", "e", "f", "g2"],
            "And the response?" => request.Context is ["What did China do?"] ? ["g3", "a"] : ["a"],
            _ => ["a"],
        });
        EvalCase[] cases =
        [
            new("duplicates", ["Wine exports?"], [["15 pct", "15%"]], Articles: ["g1"]),
            new("declined", ["Why was it declined?"], Articles: ["g2", "other-gold"]),
            new("refused", ["Capital of France?"], Refuse: true, Articles: []),
            new("declined-refuse", ["Moon landing?"], Refuse: true),
            new("follow-up", ["What did China do?", "And the response?"], [["answered"]], Articles: ["g3"]),
            new("no-gold", ["No gold?"]),
        ];
        return runner.RunAsync(cases);
    }

    private EvalRunner Runner(IQuestionAnswerer answerer, Func<RetrievalRequest, IReadOnlyList<string>> rankedArticles) =>
        new(answerer, NoArticles, (request, _) =>
        {
            _requests.Add(request);
            var ranked = rankedArticles(request).Select(id => new RetrievedPassage(new PassageRecord { ArticleId = id }, 1, 1)).ToList();
            return Task.FromResult(new RetrievalResult([], []) { Ranked = ranked });
        }, _clock);

    /// <summary>Answers each question as scripted, taking the scripted milliseconds on the fake clock.</summary>
    private sealed class ScriptedAnswerer(FakeTimeProvider clock, Dictionary<string, (bool Answered, string Text, int Milliseconds)> script) : IQuestionAnswerer
    {
        public Task<Answer> AnswerAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
        {
            var (answered, text, milliseconds) = script[question];
            clock.Advance(TimeSpan.FromMilliseconds(milliseconds));
            return Task.FromResult(answered ? new Answer(question, true, text, [], []) : Answer.NotCovered(question, text));
        }
    }
}
