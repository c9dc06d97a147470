using TradeBot.Core.Stores;

namespace TradeBot.Hosting;

/// <summary>
/// Loads the store's in-memory search indexes once the corpus is first in sync, before the server reports ready, so
/// that no question waits for them. A store without such indexes (Qdrant) has nothing to load.
/// </summary>
internal sealed partial class SearchIndexWarmUp(TimeProvider timeProvider, ILogger<SearchIndexWarmUp> logger, ISearchIndexLoader? loader = null)
{
    private volatile bool _done;

    /// <summary>True once the indexes are loaded, or loading them failed (the first question then tries again).</summary>
    public bool IsDone => _done || loader is null;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (IsDone)
        {
            return;
        }
        var started = timeProvider.GetTimestamp();
        try
        {
            await loader!.LoadSearchIndexesAsync(cancellationToken);
            var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
            Loaded(logger, seconds);
        }
        catch (Exception ex) when (ex is StoreFailureException or Microsoft.Data.Sqlite.SqliteException or IOException or InvalidDataException)
        {
            LoadFailed(logger, ex.Message);
        }
        _done = true;
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Search indexes loaded in {Seconds:F1} s")]
    private static partial void Loaded(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Loading the search indexes failed; the first question loads them again: {Reason}")]
    private static partial void LoadFailed(ILogger logger, string reason);
}
