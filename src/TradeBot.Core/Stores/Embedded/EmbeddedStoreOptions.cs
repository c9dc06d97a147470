namespace TradeBot.Core.Stores.Embedded;

public sealed class EmbeddedStoreOptions
{
    /// <summary>The SQLite database file that holds passages, the keyword index and the ingestion catalog.</summary>
    public required string DatabasePath { get; init; }
}
