namespace TradeBot.Cli;

/// <summary>What the CLI verbs return to the shell; the table in the README lists them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Some items could not be ingested, some evaluation cases failed, or the vector store was unreachable; the rest was done.</summary>
    public const int PartialFailure = 1;

    /// <summary>The command could not run: bad arguments, unreadable input, a setting (credentials included) to fix.</summary>
    public const int InvalidInput = 2;

    /// <summary>The store's file is damaged, not a database, empty, a folder, or of an unknown schema version.</summary>
    public const int StoreUnusable = 3;

    /// <summary>The data folder cannot be written: it is read-only, or the disk is full.</summary>
    public const int NotWritable = 4;
}
