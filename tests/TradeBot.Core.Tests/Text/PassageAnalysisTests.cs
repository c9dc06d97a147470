using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Text;

public sealed class PassageAnalysisTests
{
    private const string Title = "U.S. raises tariffs on Chinese steel";
    private const string Body = "The United States raised tariffs on steel to 25 pct. Officials in Beijing said they would respond. \"We regret it,\" he said.";

    [Fact]
    public void Of_Passage_HasTheAnalysisOfItsTextTitleAndSentences()
    {
        var analysis = PassageAnalysis.Of(Body, Title);

        Assert.Equal(TextAnalyzer.Terms(Body).Concat(TextAnalyzer.Terms(Title)).ToHashSet(), analysis.Terms);
        Assert.Equal(TextAnalyzer.Terms(Title), analysis.TitleTerms);
        Assert.Equal(SentenceSplitter.Split(Body), analysis.Sentences);
        Assert.Equal(analysis.Sentences.Select(s => TextAnalyzer.Terms(s.Text)), analysis.SentenceTerms);
    }
}
