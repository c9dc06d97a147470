using TradeBot.Core.Stores;

namespace TradeBot.Core.Tests.Stores;

public sealed class PassageIdsTests
{
    [Fact]
    public void For_SameArticleAndOrdinal_GivesSameId()
    {
        Assert.Equal(PassageIds.For("reuters-123", 4), PassageIds.For("reuters-123", 4));
    }

    [Fact]
    public void For_DifferentOrdinals_GiveDifferentIds()
    {
        var ids = Enumerable.Range(0, 100).Select(i => PassageIds.For("reuters-123", i)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void For_DifferentArticles_GiveDifferentIds()
    {
        Assert.NotEqual(PassageIds.For("a", 0), PassageIds.For("b", 0));
        Assert.NotEqual(PassageIds.For("a1", 0), PassageIds.For("a", 10));
    }

    [Fact]
    public void For_KnownInput_GivesThePinnedVersion8Uuid()
    {
        // SHA-256 of "articleId\nordinal", first 16 bytes, RFC 9562 version 8 and variant bits. Pinned because a change
        // to the derivation would orphan every stored passage.
        var id = PassageIds.For("000_2f47a962c47727aa.txt", 0);

        Assert.Equal(Guid.Parse("9de88c39-e2b2-8e27-871e-f1be228dafcd"), id);
    }
}
