using Microsoft.Extensions.Options;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Knows when the corpus folder must be synced while the server runs: after file system notifications, once the folder
/// has been quiet for <see cref="CorpusOptions.WatchDebounce"/> (so a burst of a thousand files is one sync; a burst
/// that never ends is synced every <see cref="MaxDelay"/>), and every <see cref="CorpusOptions.RescanInterval"/> in any
/// case, since notifications can be lost. Time is the injected clock's; the sync itself is incremental.
/// </summary>
public sealed class CorpusWatcher(CorpusIngestion ingestion, IOptions<CorpusOptions> options, TimeProvider timeProvider) : IDisposable
{
    /// <summary>The longest a change waits while notifications keep coming.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private FileSystemWatcher? _watcher;
    private DateTimeOffset? _firstChange;
    private DateTimeOffset _lastChange;
    private DateTimeOffset _lastSync = timeProvider.GetUtcNow();

    /// <summary>Starts watching the corpus folder (or the folder of a corpus file); the sync that follows is the caller's.</summary>
    public void Start()
    {
        if (!options.Value.Watch || _watcher is not null)
        {
            return;
        }
        var path = ingestion.CorpusPath;
        var isFile = File.Exists(path);
        var folder = isFile ? Path.GetDirectoryName(path)! : path;
        Directory.CreateDirectory(folder);
        _watcher = new FileSystemWatcher(folder, isFile ? Path.GetFileName(path) : "*")
        {
            IncludeSubdirectories = !isFile,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, _) => Notify();
        _watcher.Changed += (_, _) => Notify();
        _watcher.Deleted += (_, _) => Notify();
        _watcher.Renamed += (_, _) => Notify();
        // An overflowed buffer loses notifications, not changes: the sync reads the whole folder anyway.
        _watcher.Error += (_, _) => Notify();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>A change in the folder was noticed.</summary>
    public void Notify()
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            _firstChange ??= now;
            _lastChange = now;
        }
    }

    /// <summary>Whether a change has been noticed that no sync has read yet.</summary>
    public bool HasPendingChange
    {
        get
        {
            lock (_lock)
            {
                return _firstChange is not null;
            }
        }
    }

    /// <summary>Whether a sync is due now: a change has settled (or waited too long), or the rescan interval has passed.</summary>
    public bool IsDue()
    {
        if (!options.Value.Watch)
        {
            return false;
        }
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            return (_firstChange is { } first && (now - _lastChange >= options.Value.WatchDebounce || now - first >= MaxDelay))
                || now - _lastSync >= options.Value.RescanInterval;
        }
    }

    /// <summary>Syncs the folder when <see cref="IsDue"/>; null when it was not due. Changes noticed during the sync make the next one due.</summary>
    public async Task<IngestReport?> SyncIfDueAsync(CancellationToken cancellationToken = default)
    {
        if (!IsDue())
        {
            return null;
        }
        lock (_lock)
        {
            _firstChange = null;
            _lastSync = timeProvider.GetUtcNow();
        }
        return await ingestion.SyncCorpusAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _watcher?.Dispose();
}
