using TradeBot.Core.Articles;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Tests.TestSupport;
using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Ingestion;

public sealed class PassageSplitterTests
{
    public static TheoryData<string> Bodies => new()
    {
        LongBody(40),
        LongBody(7),
        SeedBody(SeedCorpus.UndatedFile),
        SeedBody(SeedCorpus.DatedFile),
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Split_AnyBody_PassagesAreVerbatimSubstringsAtTheirStart(string body)
    {
        var passages = PassageSplitter.Split(body);

        Assert.NotEmpty(passages);
        foreach (var passage in passages)
        {
            Assert.Equal(body.Substring(passage.Start, passage.Text.Length), passage.Text);
        }
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Split_AnyBody_PassagesStayUnderMaxLength(string body)
    {
        Assert.All(PassageSplitter.Split(body), p => Assert.InRange(p.Text.Length, 1, PassageSplitter.MaxLength));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Split_AnyBody_OrdinalsCountFromZero(string body)
    {
        var passages = PassageSplitter.Split(body);

        Assert.Equal(Enumerable.Range(0, passages.Count), passages.Select(p => p.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Split_AnyBody_CoversEverySentence(string body)
    {
        var passages = PassageSplitter.Split(body);

        foreach (var sentence in SentenceSplitter.Split(body))
        {
            Assert.Contains(passages, p => p.Start <= sentence.Start && sentence.Start + sentence.Length <= p.Start + p.Text.Length);
        }
    }

    [Fact]
    public void Split_LongBody_NeighboursOverlapByOneSentence()
    {
        var body = LongBody(40);

        var passages = PassageSplitter.Split(body);

        Assert.True(passages.Count >= 3, $"expected several passages, got {passages.Count}");
        for (var i = 1; i < passages.Count; i++)
        {
            var previousSentences = SentenceSplitter.Split(passages[i - 1].Text).Select(s => s.Text).ToList();
            var nextSentences = SentenceSplitter.Split(passages[i].Text).Select(s => s.Text).ToList();
            Assert.Equal(previousSentences[^1], nextSentences[0]);
            Assert.NotEqual(previousSentences[^2], nextSentences[0]);
        }
    }

    [Fact]
    public void Split_ShortBody_IsOnePassage()
    {
        const string body = "China said it is reviewing a U.S. offer. It warned against pressure.";

        var passage = Assert.Single(PassageSplitter.Split(body));

        Assert.Equal(body, passage.Text);
        Assert.Equal(0, passage.Start);
    }

    [Fact]
    public void Split_SentenceLongerThanMaxLength_StandsAloneAndTheRestContinues()
    {
        var giant = string.Join(' ', Enumerable.Repeat("word", 400)) + ".";
        var body = $"A short opening. {giant} A short ending.";

        var passages = PassageSplitter.Split(body);

        Assert.Contains(passages, p => p.Text.Contains("A short ending.", StringComparison.Ordinal));
        Assert.All(passages, p => Assert.Equal(body.Substring(p.Start, p.Text.Length), p.Text));
    }

    [Fact]
    public void Split_SameBodyTwice_GivesSamePassages()
    {
        var body = LongBody(25);

        Assert.Equal(PassageSplitter.Split(body), PassageSplitter.Split(body));
    }

    [Fact]
    public void Split_EmptyBody_GivesNoPassages()
    {
        Assert.Empty(PassageSplitter.Split(string.Empty));
    }

    private static string LongBody(int sentences) =>
        string.Join(' ', Enumerable.Range(1, sentences).Select(i => $"Sentence number {i} says that tariff round {i} changed trade flows between the two partners considerably."));

    private static string SeedBody(string fileName) =>
        ArticleCleaner.Clean(new CorpusFileReader(new CorpusReaderOptions()).Read(SeedCorpus.PathOf(fileName), fileName).Single().Article!).Body;
}
