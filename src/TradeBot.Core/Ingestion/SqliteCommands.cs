using Microsoft.Data.Sqlite;
using TradeBot.Core.Stores.Embedded;

namespace TradeBot.Core.Ingestion;

/// <summary>The small SQL helpers the catalog and the ingestion status share.</summary>
internal static class SqliteCommands
{
    /// <summary>One statement, in a transaction of its own.</summary>
    public static Task WriteAsync(SqliteDatabase database, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            bind(command);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Binds the values as parameters and returns the list of their names for <c>IN (…)</c>.</summary>
    public static string InList(SqliteCommand command, IEnumerable<string> values) =>
        string.Join(", ", values.Select((value, i) =>
        {
            command.Parameters.AddWithValue($"$in{i}", value);
            return $"$in{i}";
        }));
}
