namespace TradeBot.Cli;

/// <summary>What the CLI verbs return to the shell.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Some items could not be ingested, or some evaluation cases failed; the rest was done.</summary>
    public const int PartialFailure = 1;

    /// <summary>The command could not run: bad arguments, unreadable input.</summary>
    public const int InvalidInput = 2;
}
