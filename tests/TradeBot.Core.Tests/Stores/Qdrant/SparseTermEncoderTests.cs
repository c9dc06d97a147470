using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Stores.Qdrant;

public sealed class SparseTermEncoderTests
{
    [Fact]
    public void IndexOf_IsFnv1a32()
    {
        Assert.Equal(0x811C9DC5u, SparseTermEncoder.IndexOf(string.Empty));
        Assert.Equal(0xE40C292Cu, SparseTermEncoder.IndexOf("a"));
        Assert.Equal(0xBF9CF968u, SparseTermEncoder.IndexOf("foobar"));
    }

    [Fact]
    public void ForDocument_UsesTheSharedAnalysis_WithSortedUniqueIndices()
    {
        var vector = SparseTermEncoder.ForDocument("Tariffs, tariffs and more TARIFFS on steel.");

        Assert.Equal(vector.Indices.Count, vector.Values.Count);
        Assert.Equal(vector.Indices.Order(), vector.Indices);
        Assert.Equal(vector.Indices.Distinct().Count(), vector.Indices.Count);
        var tariff = vector.Indices.ToList().IndexOf(SparseTermEncoder.IndexOf(TextAnalyzer.Terms("tariffs")[0]));
        var steel = vector.Indices.ToList().IndexOf(SparseTermEncoder.IndexOf(TextAnalyzer.Terms("steel")[0]));
        Assert.True(vector.Values[tariff] > vector.Values[steel], "a repeated term weighs more (saturating)");
        Assert.True(vector.Values[tariff] < 3 * vector.Values[steel]);
    }

    [Fact]
    public void ForQuery_DistinctTermsWeighOne()
    {
        var vector = SparseTermEncoder.ForQuery(["tariff", "steel", "tariff", ""]);

        Assert.Equal(2, vector.Indices.Count);
        Assert.All(vector.Values, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void ForDocument_EmptyText_IsEmptyVector()
    {
        var vector = SparseTermEncoder.ForDocument("the and of");

        Assert.Empty(vector.Indices);
        Assert.Empty(vector.Values);
    }
}
