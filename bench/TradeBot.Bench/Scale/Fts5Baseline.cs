using Microsoft.Data.Sqlite;

namespace TradeBot.Bench.Scale;

/// <summary>
/// The keyword search the embedded store ran before its in-memory index: FTS5's own <c>bm25()</c> ranking over the
/// same table, kept as a baseline for the index that replaced it (same formula, so their top 10 should agree).
/// </summary>
internal sealed class Fts5Baseline(string databasePath) : IDisposable
{
    private readonly SqliteConnection _connection = Open(databasePath);

    public List<long> Search(IEnumerable<string> keywords, int top)
    {
        var terms = keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return [];
        }
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT rowid FROM passage_terms WHERE passage_terms MATCH $match ORDER BY rank LIMIT $top";
        command.Parameters.AddWithValue("$match", string.Join(" OR ", terms.Select(t => $"\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")));
        command.Parameters.AddWithValue("$top", top);
        using var reader = command.ExecuteReader();
        var hits = new List<long>();
        while (reader.Read())
        {
            hits.Add(reader.GetInt64(0));
        }
        return hits;
    }

    public void Dispose() => _connection.Dispose();

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        return connection;
    }
}
