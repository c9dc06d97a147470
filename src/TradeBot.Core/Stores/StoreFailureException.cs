namespace TradeBot.Core.Stores;

/// <summary>
/// A store that cannot be used as it is. The message is one line that names the file or setting and says what to do;
/// it is meant to be shown as it stands, without a stack trace.
/// </summary>
public sealed class StoreFailureException : Exception
{
    public StoreFailureException()
    {
    }

    public StoreFailureException(string message)
        : base(message)
    {
    }

    public StoreFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreFailureException(StoreFailureKind kind, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Path = path;
    }

    public StoreFailureKind Kind { get; }

    /// <summary>The file or folder at fault.</summary>
    public string? Path { get; }
}
