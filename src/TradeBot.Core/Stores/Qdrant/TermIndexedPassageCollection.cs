using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// A remote passage store with its <see cref="LocalTermIndex"/> kept in step: every passage written or deleted
/// through it is written or deleted in the term index after the store, and a deleted collection empties the index.
/// Everything else is the store's own. Offers the index as <see cref="IPassageMirror"/> (through
/// <see cref="GetService"/>), so that the catalog starts it again when it finds the store replaced.
/// </summary>
internal sealed class TermIndexedPassageCollection(VectorStoreCollection<Guid, PassageRecord> inner, LocalTermIndex terms)
    : VectorStoreCollection<Guid, PassageRecord>
{
    /// <summary>The store the terms are kept for.</summary>
    public VectorStoreCollection<Guid, PassageRecord> Inner => inner;

    public override string Name => inner.Name;

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => inner.CollectionExistsAsync(cancellationToken);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => inner.EnsureCollectionExistsAsync(cancellationToken);

    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        await inner.EnsureCollectionDeletedAsync(cancellationToken).ConfigureAwait(false);
        await terms.ClearAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task<PassageRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.GetAsync(key, options, cancellationToken);

    public override IAsyncEnumerable<PassageRecord> GetAsync(IEnumerable<Guid> keys, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.GetAsync(keys, options, cancellationToken);

    public override IAsyncEnumerable<PassageRecord> GetAsync(
        Expression<Func<PassageRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<PassageRecord>? options = null, CancellationToken cancellationToken = default) =>
        inner.GetAsync(filter, top, options, cancellationToken);

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override async Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.ToList();
        await inner.DeleteAsync(ids, cancellationToken).ConfigureAwait(false);
        await terms.DeleteAsync(ids, cancellationToken).ConfigureAwait(false);
    }

    public override Task UpsertAsync(PassageRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    public override async Task UpsertAsync(IEnumerable<PassageRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var written = records.ToList();
        await inner.UpsertAsync(written, cancellationToken).ConfigureAwait(false);
        await terms.UpsertAsync(written, cancellationToken).ConfigureAwait(false);
    }

    public override IAsyncEnumerable<VectorSearchResult<PassageRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<PassageRecord>? options = null, CancellationToken cancellationToken = default) =>
        inner.SearchAsync(searchValue, top, options, cancellationToken);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(IPassageMirror) ? terms : inner.GetService(serviceType, serviceKey);
}
