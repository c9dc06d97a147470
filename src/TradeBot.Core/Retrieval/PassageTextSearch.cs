using Microsoft.SemanticKernel.Data;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Retrieval;

/// <summary>
/// The retrieval pipeline as a Semantic Kernel <see cref="ITextSearch{TRecord}"/>, so that Semantic Kernel's own
/// plugins and <c>TextSearchProvider</c> can reach it. Results carry the article title as name and its link.
/// </summary>
public sealed class PassageTextSearch(PassageRetriever retriever) : ITextSearch<PassageRecord>
{
    public async Task<KernelSearchResults<string>> SearchAsync(string query, TextSearchOptions<PassageRecord>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var passages = await RetrieveAsync(query, searchOptions, cancellationToken).ConfigureAwait(false);
        return new KernelSearchResults<string>(ToAsync(passages.Select(p => p.Text)));
    }

    public async Task<KernelSearchResults<TextSearchResult>> GetTextSearchResultsAsync(string query, TextSearchOptions<PassageRecord>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var passages = await RetrieveAsync(query, searchOptions, cancellationToken).ConfigureAwait(false);
        return new KernelSearchResults<TextSearchResult>(ToAsync(passages.Select(p => new TextSearchResult(p.Text) { Name = p.Title, Link = p.Url })));
    }

    public async Task<KernelSearchResults<PassageRecord>> GetSearchResultsAsync(string query, TextSearchOptions<PassageRecord>? searchOptions = null, CancellationToken cancellationToken = default)
    {
        var passages = await RetrieveAsync(query, searchOptions, cancellationToken).ConfigureAwait(false);
        return new KernelSearchResults<PassageRecord>(ToAsync(passages));
    }

    private async Task<IReadOnlyList<PassageRecord>> RetrieveAsync(string query, TextSearchOptions<PassageRecord>? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var top = options?.Top ?? TextSearchOptions<PassageRecord>.DefaultTop;
        var skip = options?.Skip ?? 0;
        var result = await retriever.RetrieveAsync(new RetrievalRequest(query, Top: top + skip, Filter: options?.Filter), cancellationToken).ConfigureAwait(false);
        return result.Passages.Skip(skip).Select(p => p.Passage).ToList();
    }

#pragma warning disable CS1998 // an async iterator over results already in memory
    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }
#pragma warning restore CS1998
}
