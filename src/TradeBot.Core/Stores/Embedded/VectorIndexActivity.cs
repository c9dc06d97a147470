namespace TradeBot.Core.Stores.Embedded;

/// <summary>What bringing the vector index up to date took.</summary>
internal enum VectorIndexActivity
{
    /// <summary>The index in memory was current, or caught up from the change log.</summary>
    CaughtUp,

    /// <summary>Read from the file beside the database, then caught up from the change log.</summary>
    LoadedFromFile,

    /// <summary>Built from every vector in the database.</summary>
    Rebuilt,
}
