namespace TradeBot.Core.Ingestion;

/// <summary>An item that could not be ingested, and why.</summary>
public sealed record IngestFailure(string Item, string Reason);

/// <summary>What one ingestion run did.</summary>
public sealed class IngestReport
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Removed { get; set; }
    public int Passages { get; set; }
    public List<IngestFailure> Failures { get; } = [];

    /// <summary>What the operator should know though nothing failed: a catalog reset and why, a gap between catalog and store.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Articles found incomplete in the store by a verifying run, and written again.</summary>
    public int Repaired { get; set; }

    /// <summary>The store's passage count against the catalog's after the run; null when the store cannot tell.</summary>
    public StoreConsistency? Consistency { get; set; }

    public int Failed => Failures.Count;

    /// <summary>True when nothing was written: the store already matched the corpus.</summary>
    public bool WroteNothing => Added == 0 && Updated == 0 && Removed == 0;
}
