namespace TradeBot.Core.Articles;

public sealed class CorpusReaderOptions
{
    /// <summary>Largest single-article file (text, Markdown, HTML, feed) that is read; checked from its length before it is opened.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest line of a JSON Lines file; JSON Lines files themselves are streamed and may be any size.</summary>
    public int MaxLineBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Deepest nesting of elements in an HTML page or feed item that is parsed; deeper ones are reported and skipped,
    /// because parse time grows with the square of the depth.
    /// </summary>
    public int MaxHtmlDepth { get; set; } = HtmlNesting.DefaultMaxDepth;

    /// <summary>
    /// Whether links in the corpus folder that lead outside it are followed. Off by default: such a link is reported
    /// and skipped. Links to files and folders inside the corpus are never followed as folders (no cycles).
    /// </summary>
    public bool FollowLinksOutsideCorpus { get; set; }
}
