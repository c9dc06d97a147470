using Microsoft.Data.Sqlite;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>Changes a store's file behind TradeBot's back, as another tool or a failing disk would.</summary>
internal static class RawSqlite
{
    public static void Execute(string databaseFile, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        // Every pooled connection closed: the WAL is checkpointed into the file, which now holds everything.
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Closes every pooled connection, so the database file holds every committed change (no WAL left).</summary>
    public static void Checkpoint(string databaseFile) => Execute(databaseFile, "PRAGMA wal_checkpoint(TRUNCATE);");
}
