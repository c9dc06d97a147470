namespace TradeBot.Core.Stores;

/// <summary>Readiness of the passage store, for <c>/readyz</c>: true when the store can serve queries now.</summary>
public interface IPassageStoreHealth
{
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);
}
