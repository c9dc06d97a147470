using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Tests.Answers.Llm;

/// <summary>The store's hybrid search, counting the searches made: each retrieval of a question without a date makes one.</summary>
internal sealed class CountingHybridSearch(IKeywordHybridSearchable<PassageRecord> inner) : IKeywordHybridSearchable<PassageRecord>
{
    private int _searches;

    public int Searches => Volatile.Read(ref _searches);

    public IAsyncEnumerable<VectorSearchResult<PassageRecord>> HybridSearchAsync<TInput>(TInput searchValue, ICollection<string> keywords, int top,
        HybridSearchOptions<PassageRecord>? options = null, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        Interlocked.Increment(ref _searches);
        return inner.HybridSearchAsync(searchValue, keywords, top, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);
}
