namespace TradeBot.Core.Stores;

/// <summary>
/// What the ingestion catalog needs to know about the store it describes, to never claim what the store does not
/// hold: the store's own identity, how many passages it holds, and which of a set of passages it holds whole.
/// Passage collections offer it through <c>GetService(typeof(IPassageStoreInventory))</c>.
/// </summary>
public interface IPassageStoreInventory
{
    /// <summary>
    /// The instance id written into the store's own metadata when the store (database or collection) was created;
    /// null when the store carries none (created by an older version).
    /// </summary>
    Task<string?> GetInstanceIdAsync(CancellationToken cancellationToken = default);

    /// <summary>How many passages the store holds (cheap: no scan of the passages themselves where the store keeps a count).</summary>
    Task<long> CountPassagesAsync(CancellationToken cancellationToken = default);

    /// <summary>Of <paramref name="ids"/>, those the store holds whole (with a usable vector and keyword entry).</summary>
    Task<IReadOnlySet<Guid>> ContainsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);
}
