using Microsoft.Data.Sqlite;
using TradeBot.Core.LocalData;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// A value built from the embedded database and kept at the database's generation: every reader shares it until a
/// write, by this or another process, moves the generation; then the first reader brings it up to date, once, reading
/// in one snapshot of the database.
/// </summary>
internal sealed class GenerationCache<T>(LocalDatabase database, GenerationCache<T>.Refresh refresh) : IDisposable
    where T : class, IDisposable
{
    /// <summary>Brings the value held (none at first) up to <paramref name="generation"/>, reading in <paramref name="snapshot"/>.</summary>
    public delegate Task<T> Refresh(SqliteConnection connection, SqliteTransaction snapshot, Held? held, long generation, CancellationToken cancellationToken);

    /// <summary>The value and the generation it was brought up to.</summary>
    public sealed record Held(T Value, long Generation);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private Held? _current;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var generation = await LocalDatabase.ReadGenerationAsync(connection, cancellationToken, snapshot).ConfigureAwait(false);
        if (Volatile.Read(ref _current) is { } current && current.Generation == generation)
        {
            return current.Value;
        }
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && fresh.Generation == generation)
            {
                return fresh.Value;
            }
            var value = await refresh(connection, snapshot, _current, generation, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, new Held(value, generation));
            return value;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _current?.Value.Dispose();
        _current = null;
        _lock.Dispose();
    }
}
