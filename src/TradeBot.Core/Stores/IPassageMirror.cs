namespace TradeBot.Core.Stores;

/// <summary>
/// A local copy of what a store holds about its passages (the term index beside a remote store), offered through the
/// store's <c>GetService(typeof(IPassageMirror))</c>. It describes the store it was kept with: when the catalog finds
/// the store replaced and starts again, the mirror starts again too.
/// </summary>
public interface IPassageMirror
{
    Task ClearAsync(CancellationToken cancellationToken = default);
}
