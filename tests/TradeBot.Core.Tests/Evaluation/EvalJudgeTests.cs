using TradeBot.Core.Answers;
using TradeBot.Core.Evaluation;

namespace TradeBot.Core.Tests.Evaluation;

public sealed class EvalJudgeTests
{
    private static readonly Dictionary<string, string[]> Articles = new(StringComparer.Ordinal)
    {
        ["a1"] = ["The US raised tariffs on Chinese goods to 145%.", "China answered with 125% on American goods."],
        ["a2"] = ["Talks are expected in Geneva."],
    };

    private static readonly EvalJudge Judge = new((articleId, _) =>
        Task.FromResult<IReadOnlyList<string>>(Articles.GetValueOrDefault(articleId) ?? []));

    [Fact]
    public async Task FailureAsync_EveryGroupMatchedInAnotherCase_Passes()
    {
        var evalCase = Case(all: [["145 pct", "145%"], ["chinese"]]);

        Assert.Null(await Judge.FailureAsync(evalCase, Answered("Tariffs on CHINESE goods are **145%** [1].")));
    }

    [Fact]
    public async Task FailureAsync_AGroupUnmatched_FailsNamingTheGroup()
    {
        var evalCase = Case(all: [["145%"], ["125 pct", "125%"]]);

        var failure = await Judge.FailureAsync(evalCase, Answered("Tariffs are **145%** [1]."));

        Assert.Equal("answer lacks any of: 125 pct | 125%", failure);
    }

    [Fact]
    public async Task FailureAsync_CaseToAnswerDeclined_Fails()
    {
        var failure = await Judge.FailureAsync(Case(all: [["145%"]]), Answer.NotCovered("q", "The articles do not say."));

        Assert.Equal("declined to answer", failure);
    }

    [Fact]
    public async Task FailureAsync_RefuseCaseDeclinedCitingNothing_Passes()
    {
        Assert.Null(await Judge.FailureAsync(Case(refuse: true), Answer.NotCovered("q", "The articles do not say.")));
    }

    [Fact]
    public async Task FailureAsync_RefuseCaseAnswered_Fails()
    {
        var failure = await Judge.FailureAsync(Case(refuse: true), Answered("Paris [1].", Cite("a1", "China answered with 125% on American goods.")));

        Assert.Equal("should have declined, but answered", failure);
    }

    [Fact]
    public async Task FailureAsync_RefuseCaseDeclinedButCiting_Fails()
    {
        var declinedWithSource = Answer.NotCovered("q", "The articles do not say.") with { Citations = [Cite("a2", "Talks are expected in Geneva.")] };

        Assert.Equal("declined, but cites sources", await Judge.FailureAsync(Case(refuse: true), declinedWithSource));
    }

    [Fact]
    public async Task FailureAsync_CiteCaseCitingNothing_Fails()
    {
        Assert.Equal("cites nothing", await Judge.FailureAsync(Case(cite: true), Answered("Tariffs are 145%.")));
    }

    [Fact]
    public async Task FailureAsync_CiteCaseQuotePartsEachInAPassage_Passes()
    {
        var answer = Answered("145% and 125% [1]; Geneva [2].",
            Cite("a1", "The US raised tariffs on Chinese goods to 145%. … China answered with 125% on American goods."),
            Cite("a2", "Talks are expected in Geneva."));

        Assert.Null(await Judge.FailureAsync(Case(cite: true), answer));
    }

    [Fact]
    public async Task FailureAsync_CiteCaseQuoteFromAnotherArticle_FailsNamingThePart()
    {
        var answer = Answered("Geneva [1].", Cite("a1", "Talks are expected in Geneva."));

        var failure = await Judge.FailureAsync(Case(cite: true), answer);

        Assert.Equal("citation [1] quotes text that is not in article a1: \"Talks are expected in Geneva.\"", failure);
    }

    [Fact]
    public async Task FailureAsync_CiteCaseQuoteNotVerbatim_Fails()
    {
        var answer = Answered("145% [1].", Cite("a1", "the US raised tariffs on Chinese goods to 145%."));

        Assert.StartsWith("citation [1] quotes text that is not in article a1", await Judge.FailureAsync(Case(cite: true), answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("China answered with 125% on American goods. … ")]
    public async Task FailureAsync_CiteCaseQuoteWithAnEmptyPart_Fails(string quote)
    {
        var answer = Answered("125% [1].", Cite("a1", quote));

        Assert.StartsWith("citation [1] quotes text that is not in article a1", await Judge.FailureAsync(Case(cite: true), answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureAsync_CiteCaseArticleWithoutPassages_Fails()
    {
        var answer = Answered("145% [1].", Cite("gone", "The US raised tariffs on Chinese goods to 145%."));

        Assert.Equal("citation [1] names article gone, which has no passages", await Judge.FailureAsync(Case(cite: true), answer));
    }

    [Fact]
    public async Task FailureAsync_CaseWithoutCite_DoesNotCheckQuotes()
    {
        var answer = Answered("145% [1].", Cite("gone", "invented"));

        Assert.Null(await Judge.FailureAsync(Case(all: [["145%"]]), answer));
    }

    private static EvalCase Case(IReadOnlyList<IReadOnlyList<string>>? all = null, bool cite = false, bool refuse = false) =>
        new("t1", ["question?"], all, cite, refuse);

    private static Answer Answered(string text, params Citation[] citations) =>
        new("question?", true, text, [.. citations.Select((c, i) => c with { Number = i + 1 })], []);

    private static Citation Cite(string articleId, string quote) => new(1, articleId, "Headline", string.Empty, null, null, quote);
}
