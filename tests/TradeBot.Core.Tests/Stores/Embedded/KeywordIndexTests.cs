using Microsoft.Data.Sqlite;
using TradeBot.Core.Stores.Embedded;

namespace TradeBot.Core.Tests.Stores.Embedded;

public sealed class KeywordIndexTests
{
    private static readonly string[] s_vocabulary =
        ["tariff", "steel", "rice", "quota", "export", "import", "china", "japan", "canada", "duty", "talk", "trade",
         "surplus", "deficit", "ban", "wheat", "chip", "car", "levy", "court"];

    [Fact]
    public void Search_RandomCorpus_RanksAsFts5Bm25Does()
    {
        var documents = RandomDocuments(new Random(11), 400);
        using var index = IndexOf(documents);
        using var fts = Fts5Table(documents);
        var random = new Random(5);

        for (var q = 0; q < 30; q++)
        {
            var query = Enumerable.Range(0, random.Next(1, 5)).Select(_ => s_vocabulary[random.Next(s_vocabulary.Length)]).ToList();
            var expected = Fts5Ranking(fts, query, 20);

            var actual = index.Search(query, 20);

            // Compared by FTS5's own scores, so that passages FTS5 scores equally may come in either order.
            Assert.Equal(expected.Select(e => e.Score), actual.Select(rowId => Fts5Score(fts, query, rowId)), new ScoreComparer());
        }
    }

    [Fact]
    public void Search_RareWordAmongCommonOnes_RanksAsFts5Bm25Does()
    {
        // Common words in most passages and a rare one in a few: the common words' postings are mostly skipped, and
        // the ranking must not change for it.
        var random = new Random(17);
        var documents = Enumerable.Range(1, 3_000).ToDictionary(i => (long)i, i =>
            string.Join(' ', Enumerable.Range(0, random.Next(5, 30)).Select(_ => s_vocabulary[random.Next(6)])
                .Concat(i % 97 == 0 ? Enumerable.Repeat("zeppelin", 1 + (i % 3)) : [])
                .Concat(i % 11 == 0 ? ["court"] : [])));
        using var index = IndexOf(documents);
        using var fts = Fts5Table(documents);

        foreach (var query in new[] { new[] { "zeppelin", "tariff", "steel", "rice" }, ["court", "zeppelin", "quota"], ["court", "tariff", "export", "import"] })
        {
            foreach (var top in new[] { 3, 10, 40 })
            {
                var expected = Fts5Ranking(fts, query, top);

                var actual = index.Search(query, top);

                Assert.Equal(expected.Select(e => e.Score), actual.Select(rowId => Fts5Score(fts, query, rowId)), new ScoreComparer());
            }
        }
    }

    [Fact]
    public void Search_AfterReplacingAndRemovingMostPassages_RanksAsAnIndexBuiltFromWhatIsLeft()
    {
        var random = new Random(3);
        var documents = RandomDocuments(random, 3_000);
        using var index = IndexOf(documents);
        // Enough removals and replacements to compact the index more than once.
        for (long rowId = 1; rowId <= 2_400; rowId++)
        {
            if (rowId % 3 == 0)
            {
                documents[rowId] = RandomDocument(random);
                index.Set(rowId, documents[rowId]);
            }
            else
            {
                documents.Remove(rowId);
                index.Remove(rowId);
            }
        }
        using var rebuilt = IndexOf(documents);

        Assert.Equal(rebuilt.Count, index.Count);
        Assert.Equal(documents.Count, index.Count);
        foreach (var term in s_vocabulary)
        {
            Assert.Equal(rebuilt.Search([term, "trade"], 50), index.Search([term, "trade"], 50));
        }
        var statistics = index.Statistics();
        Assert.Equal(documents.Count, statistics.DocumentCount);
        Assert.Equal(rebuilt.Statistics().DocumentFrequencies.OrderBy(f => f.Key), statistics.DocumentFrequencies.OrderBy(f => f.Key));
    }

    [Fact]
    public void Search_WithAllowedRows_ReturnsOnlyThose()
    {
        var documents = RandomDocuments(new Random(9), 200);
        using var index = IndexOf(documents);
        var allowed = new HashSet<long>(documents.Keys.Where(k => k % 7 == 0));

        var hits = index.Search(["steel", "tariff"], 10, allowed);

        Assert.NotEmpty(hits);
        Assert.All(hits, rowId => Assert.Contains(rowId, allowed));
        Assert.Equal(index.Search(["steel", "tariff"], 1_000).Where(allowed.Contains).Take(10), hits);
    }

    [Fact]
    public void Search_TermsNotInTheIndex_FindNothing()
    {
        using var index = IndexOf(RandomDocuments(new Random(1), 50));

        Assert.Empty(index.Search(["zeppelin"], 10));
        Assert.Empty(index.Search([], 10));
    }

    [Fact]
    public void Statistics_CountPassagesPerTerm()
    {
        using var index = new KeywordIndex();
        index.Set(1, "steel tariff steel");
        index.Set(2, "steel rice");
        index.Set(3, "rice");
        index.Remove(3);

        var statistics = index.Statistics();

        Assert.Equal(2, statistics.DocumentCount);
        Assert.Equal(2, statistics.DocumentFrequency("steel"));
        Assert.Equal(1, statistics.DocumentFrequency("rice"));
        Assert.Equal(1, statistics.DocumentFrequency("tariff"));
    }

    private static Dictionary<long, string> RandomDocuments(Random random, int count) =>
        Enumerable.Range(1, count).ToDictionary(i => (long)i, _ => RandomDocument(random));

    private static string RandomDocument(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(3, 40)).Select(_ => s_vocabulary[(int)Math.Pow(random.Next(s_vocabulary.Length * s_vocabulary.Length), 0.5)]));

    private static KeywordIndex IndexOf(Dictionary<long, string> documents)
    {
        var index = new KeywordIndex();
        foreach (var (rowId, text) in documents)
        {
            index.Set(rowId, text);
        }
        return index;
    }

    private static SqliteConnection Fts5Table(Dictionary<long, string> documents)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE VIRTUAL TABLE documents USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')";
        command.ExecuteNonQuery();
        command.CommandText = "INSERT INTO documents(rowid, terms) VALUES ($rowid, $terms)";
        var rowId = command.Parameters.Add("$rowid", SqliteType.Integer);
        var terms = command.Parameters.Add("$terms", SqliteType.Text);
        foreach (var (id, text) in documents)
        {
            rowId.Value = id;
            terms.Value = text;
            command.ExecuteNonQuery();
        }
        return connection;
    }

    private static List<(long RowId, double Score)> Fts5Ranking(SqliteConnection fts, IEnumerable<string> query, int top)
    {
        using var command = fts.CreateCommand();
        command.CommandText = "SELECT rowid, bm25(documents) FROM documents WHERE documents MATCH $match ORDER BY rank LIMIT $top";
        command.Parameters.AddWithValue("$match", string.Join(" OR ", query.Distinct()));
        command.Parameters.AddWithValue("$top", top);
        using var reader = command.ExecuteReader();
        var ranking = new List<(long, double)>();
        while (reader.Read())
        {
            ranking.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }
        return ranking;
    }

    private static double Fts5Score(SqliteConnection fts, IEnumerable<string> query, long rowId)
    {
        using var command = fts.CreateCommand();
        command.CommandText = "SELECT bm25(documents) FROM documents WHERE documents MATCH $match AND rowid = $rowid";
        command.Parameters.AddWithValue("$match", string.Join(" OR ", query.Distinct()));
        command.Parameters.AddWithValue("$rowid", rowId);
        return (double)command.ExecuteScalar()!;
    }

    private sealed class ScoreComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double obj) => 0;
    }
}
