using TradeBot.Core.Text;

namespace TradeBot.Core.Tests.Text;

public sealed class BoundedCacheTests
{
    [Fact]
    public void GetOrAdd_SameKeyAgain_ComputesOnce()
    {
        var cache = new BoundedCache<string, object>(10);
        var computed = 0;

        var first = cache.GetOrAdd("steel", _ => { computed++; return new object(); });
        var second = cache.GetOrAdd("steel", _ => { computed++; return new object(); });

        Assert.Same(first, second);
        Assert.Equal(1, computed);
    }

    [Fact]
    public void GetOrAdd_MoreKeysThanItsCapacity_ForgetsTheOldOnes()
    {
        var cache = new BoundedCache<int, object>(3);
        var first = cache.GetOrAdd(0, _ => new object());

        for (var key = 1; key <= 3; key++)
        {
            cache.GetOrAdd(key, _ => new object());
        }

        Assert.NotSame(first, cache.GetOrAdd(0, _ => new object()));
    }
}
