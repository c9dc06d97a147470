using TradeBot.Core.Evaluation;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Answers;

/// <summary>Every case of Data/seed-qa-dev.jsonl, judged by the evaluation rules, on the seed corpus.</summary>
public sealed class SeedQuestionEvalTests(SeedStoreFixture seeds) : IClassFixture<SeedStoreFixture>
{
    public static TheoryData<EvalCase> Cases =>
        [.. EvalCase.Parse(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "seed-qa-dev.jsonl")))];

    [Fact]
    public void Cases_FileIsCopiedIntoTheTestProject_HasEveryCase()
    {
        Assert.Equal(9, Cases.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnswerAsync_SeedCase_PassesTheJudge(EvalCase evalCase)
    {
        var answer = await seeds.Host.AskAsync([.. evalCase.Turns]);

        var failure = await seeds.Host.Judge.FailureAsync(evalCase, answer);

        Assert.True(failure is null, $"{evalCase.Id}: {failure}; answer was: {answer.Text}");
    }
}
