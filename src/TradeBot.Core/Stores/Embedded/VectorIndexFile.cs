namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The vector index saved beside the database (<c>tradebot.db.vectors</c>), so that a restart reads 400 bytes a
/// passage instead of quantizing every vector again. It is only a cache: it names the store (its
/// <c>instance_id</c>) and the generation it reflects, and is used only for that store at that generation or an
/// earlier one, the changes since then being applied from the store's change log. Anything else (another store,
/// a later generation than the file, a damaged or unknown file) is ignored and the index rebuilt from SQLite.
/// </summary>
internal static class VectorIndexFile
{
    private const string Magic = "TradeBot vector index";
    private const int FormatVersion = 2; // 2: int4 codes (1 held int8 codes)

    public static string PathFor(string databasePath) => databasePath + ".vectors";

    public static (VectorIndex Index, long Generation)? TryLoad(string path, string instanceId, long currentGeneration)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var reader = new BinaryReader(stream);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion || reader.ReadString() != instanceId)
            {
                return null;
            }
            var generation = reader.ReadInt64();
            if (generation > currentGeneration)
            {
                return null; // the database is older than the index: restored from a backup, say
            }
            return (VectorIndex.ReadFrom(reader), generation);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>Writes the index to a temporary file and moves it into place; a cache that cannot be written is skipped.</summary>
    public static bool TrySave(string path, VectorIndex index, string instanceId, long generation)
    {
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(instanceId);
                writer.Write(generation);
                index.WriteTo(writer);
            }
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the next save overwrites it.
            }
            return false;
        }
    }
}
