namespace TradeBot.Core.Ingestion;

/// <summary>
/// How a corpus file stands against what the catalog recorded of it, as <see cref="FileChangeDetector"/> found;
/// <see cref="Known"/> (its articles' hashes and passage counts) is read only for a file whose content changed.
/// </summary>
internal sealed record FileChange(long Length, IReadOnlyDictionary<string, (string Hash, int PassageCount)> Known)
{
    /// <summary>Why the file is not read (unsupported, refused, unreadable); null when it can be.</summary>
    public string? Failure { get; init; }

    /// <summary>The file as it is now, to record once it is ingested; null when the record still holds.</summary>
    public FileState? State { get; init; }

    /// <summary>Whether its content differs from what was ingested, so that it must be read.</summary>
    public bool ContentChanged { get; init; }

    /// <summary>For a file whose content is unchanged: how many articles the catalog holds from it.</summary>
    public int UnchangedArticles { get; init; }
}
