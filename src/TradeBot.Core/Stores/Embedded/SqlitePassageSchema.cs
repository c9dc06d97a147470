using TradeBot.Core.LocalData;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>The embedded store's tables in the local database: the passages, their keyword documents (FTS5, the durable copy the in-memory keyword index is built from), and the log of passage changes both indexes catch up from.</summary>
internal static class SqlitePassageSchema
{
    public static LocalSchema Schema { get; } = new("passages", "passages",
        $"""
        CREATE TABLE IF NOT EXISTS passages(
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            article_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            text TEXT NOT NULL,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            published INTEGER,
            story_id TEXT NOT NULL,
            embedding BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id, ordinal);
        CREATE INDEX IF NOT EXISTS passages_published ON passages(published);
        CREATE INDEX IF NOT EXISTS passages_source ON passages(source);
        CREATE VIRTUAL TABLE IF NOT EXISTS passage_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
        CREATE TABLE IF NOT EXISTS vector_changes(rowid INTEGER PRIMARY KEY, generation INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS vector_changes_generation ON vector_changes(generation);
        CREATE TRIGGER IF NOT EXISTS passages_vector_inserted AFTER INSERT ON passages BEGIN {LogVectorChange("NEW")} END;
        CREATE TRIGGER IF NOT EXISTS passages_vector_updated AFTER UPDATE OF embedding ON passages BEGIN {LogVectorChange("NEW")} END;
        CREATE TRIGGER IF NOT EXISTS passages_vector_deleted AFTER DELETE ON passages BEGIN {LogVectorChange("OLD")} END;
        """,
        // 1 -> 2: term statistics come from the in-memory keyword index, no longer from an fts5vocab table.
        ["DROP TABLE IF EXISTS passage_vocabulary;"]);

    /// <summary>
    /// The change log the vector index catches up from: the generation in which each passage's vector last changed.
    /// Triggers write it, so every writer of the file keeps it, whatever its code; a write counts the generation
    /// after its own (<see cref="LocalDatabase.WriteChangeAsync"/> counts it at the end of the same transaction).
    /// </summary>
    private static string LogVectorChange(string row) =>
        // DELETE then INSERT, not INSERT OR REPLACE: inside a trigger the outer statement's conflict policy (the
        // passages upsert's) overrides the trigger's own.
        $"DELETE FROM vector_changes WHERE rowid = {row}.rowid; INSERT INTO vector_changes(rowid, generation) VALUES ({row}.rowid, coalesce((SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'generation'), 1));";
}
