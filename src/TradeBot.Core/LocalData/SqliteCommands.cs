using Microsoft.Data.Sqlite;

namespace TradeBot.Core.LocalData;

/// <summary>The small SQL helpers the owners of the local database share.</summary>
internal static class SqliteCommands
{
    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binds the values as parameters and returns the list of their names for <c>IN (…)</c>.</summary>
    public static string InList(SqliteCommand command, IEnumerable<string> values) =>
        string.Join(", ", values.Select((value, i) =>
        {
            command.Parameters.AddWithValue($"$in{i}", value);
            return $"$in{i}";
        }));
}
