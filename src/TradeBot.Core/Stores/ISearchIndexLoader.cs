namespace TradeBot.Core.Stores;

/// <summary>
/// A store whose search indexes live in memory and are built or read on first use: loading them ahead spares the
/// first question the wait (at a million passages, half a minute).
/// </summary>
public interface ISearchIndexLoader
{
    Task LoadSearchIndexesAsync(CancellationToken cancellationToken = default);
}
