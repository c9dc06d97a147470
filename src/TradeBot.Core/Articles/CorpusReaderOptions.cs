namespace TradeBot.Core.Articles;

public sealed class CorpusReaderOptions
{
    /// <summary>Largest single-article file (text, Markdown, HTML, feed) that is read.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest line of a JSON Lines file; JSON Lines files themselves are streamed and may be any size.</summary>
    public int MaxLineBytes { get; set; } = 4 * 1024 * 1024;
}
