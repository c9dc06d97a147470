using Microsoft.Data.Sqlite;
using TradeBot.Core.Stores;

namespace TradeBot.Core.LocalData;

/// <summary>Turns SQLite's error codes into one line that names the file and says what to do.</summary>
internal static class SqliteFailures
{
    private const int Corrupt = 11;
    private const int ReadOnly = 8;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;
    private const int IoError = 10;
    private const string MoveDataFolder = "or set Corpus:DataPath (--data) to another folder";

    public static StoreFailureException From(SqliteException exception, string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var reason = exception.Message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal);
        return exception.SqliteErrorCode switch
        {
            ReadOnly or CannotOpen => new(StoreFailureKind.NotWritable, path,
                $"{path}: cannot write to the data folder {folder} ({reason}). Make the folder and the file writable, {MoveDataFolder}.", exception),
            Full => new(StoreFailureKind.NotWritable, path,
                $"{path}: the disk is full ({reason}). Free space on {folder} and run again; the step that failed was not kept.", exception),
            NotADatabase => NotADatabaseFile(path, exception),
            Corrupt => Damaged(path, reason, exception),
            IoError => new(StoreFailureKind.NotWritable, path,
                $"{path}: the disk reported an input/output error ({reason}). Check the disk and free space, then run again.", exception),
            _ => new(StoreFailureKind.Unusable, path, $"{path}: {reason}. Check the file, {MoveDataFolder}.", exception),
        };
    }

    public static StoreFailureException NotADatabaseFile(string path, Exception? inner = null) =>
        new(StoreFailureKind.Unusable, path,
            $"{path} is not a TradeBot database. Move it away (the store is rebuilt from the corpus at the next run), {MoveDataFolder}.", inner);

    public static StoreFailureException Damaged(string path, string detail, Exception? inner = null) =>
        new(StoreFailureKind.Unusable, path,
            $"{path} is damaged ({detail}). Delete it to rebuild the store from the corpus, or restore it from a backup.", inner);

    public static StoreFailureException Empty(string path) =>
        new(StoreFailureKind.Unusable, path,
            $"{path} is empty (0 bytes): whatever it held is lost. Delete it to rebuild the store from the corpus, or restore it from a backup.");

    public static StoreFailureException Folder(string path) =>
        new(StoreFailureKind.Unusable, path,
            $"{path} is a folder, where the store's database file belongs. Move the folder away, {MoveDataFolder}.");

    /// <summary>The file's schema, or with <paramref name="owner"/> the schema of that owner's tables, is newer than this code.</summary>
    public static StoreFailureException UnknownSchema(string path, string version, int known, string? owner = null) =>
        new(StoreFailureKind.Unusable, path,
            $"{path} has schema version {version}{(owner is null ? string.Empty : $" of its {owner} tables")}, which this TradeBot (schema {known}) does not know: a newer version wrote it. Run that version, {MoveDataFolder}.");

    public static StoreFailureException CannotCreateFolder(string path, Exception inner) =>
        new(StoreFailureKind.NotWritable, path,
            $"{System.IO.Path.GetDirectoryName(path)}: cannot create the data folder ({inner.Message}). Make its parent writable, {MoveDataFolder}.", inner);
}
