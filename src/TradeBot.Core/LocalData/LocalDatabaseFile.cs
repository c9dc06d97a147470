using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TradeBot.Core.LocalData;

/// <summary>What the local database file must be before TradeBot writes to it; a file that is not is never silently replaced.</summary>
internal static class LocalDatabaseFile
{
    /// <summary>What must hold before SQLite touches the file: it is a file, and an empty one is not silently made a new store.</summary>
    public static void CheckBeforeOpening(string path)
    {
        if (Directory.Exists(path))
        {
            throw SqliteFailures.Folder(path);
        }
        var file = new FileInfo(path);
        var wal = new FileInfo(path + "-wal");
        if (file.Exists && file.Length == 0 && !(wal.Exists && wal.Length > 0))
        {
            throw SqliteFailures.Empty(path);
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw SqliteFailures.CannotCreateFolder(path, ex);
        }
    }

    /// <summary>
    /// An existing file must be a sound SQLite database (<c>PRAGMA quick_check</c>) holding a TradeBot schema this
    /// code knows. A new or table-less file passes: it becomes a new database.
    /// </summary>
    public static async Task CheckContentAsync(string path, SqliteConnection connection, int knownVersion, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1)";
        var check = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (check != "ok")
        {
            throw SqliteFailures.Damaged(path, $"quick_check: {check}");
        }
        command.CommandText = "SELECT count(*), count(*) FILTER (WHERE name = 'meta') FROM sqlite_master WHERE type = 'table'";
        long tables, meta;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (tables, meta) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        if (tables == 0)
        {
            return;
        }
        if (meta == 0)
        {
            throw SqliteFailures.NotADatabaseFile(path);
        }
        command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string version
            && (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > knownVersion))
        {
            throw SqliteFailures.UnknownSchema(path, version, knownVersion);
        }
    }
}
