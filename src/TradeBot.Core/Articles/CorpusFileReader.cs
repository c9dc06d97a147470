namespace TradeBot.Core.Articles;

/// <summary>Reads one corpus file of any supported kind into articles, reporting each item that cannot be read.</summary>
public sealed class CorpusFileReader(CorpusReaderOptions options)
{
    private static readonly HashSet<string> s_textExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".text" };
    private static readonly HashSet<string> s_markdownExtensions = new(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown" };
    private static readonly HashSet<string> s_htmlExtensions = new(StringComparer.OrdinalIgnoreCase) { ".html", ".htm" };
    private static readonly HashSet<string> s_feedExtensions = new(StringComparer.OrdinalIgnoreCase) { ".xml", ".rss", ".atom" };
    private static readonly HashSet<string> s_jsonLinesExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jsonl", ".ndjson" };

    public CorpusReaderOptions Options => options;

    public static bool IsSupported(string path)
    {
        var extension = Path.GetExtension(path);
        return s_textExtensions.Contains(extension) || s_markdownExtensions.Contains(extension) || s_htmlExtensions.Contains(extension)
            || s_feedExtensions.Contains(extension) || s_jsonLinesExtensions.Contains(extension);
    }

    /// <summary>
    /// Why <paramref name="path"/> must not be opened, or null. Decided from the file's metadata alone, before it is
    /// read or hashed: a FIFO, socket or device (also behind a link) is never opened, and a single-article file over
    /// <see cref="CorpusReaderOptions.MaxFileBytes"/> is refused from its length.
    /// </summary>
    public string? RefusalOf(string path)
    {
        if (SpecialFile.Describe(path) is { } kind)
        {
            return $"{kind}, not a regular file: skipped without opening it";
        }
        try
        {
            var length = new FileInfo(path).Length;
            return !s_jsonLinesExtensions.Contains(Path.GetExtension(path)) && length > options.MaxFileBytes
                ? $"file is {length / (1024 * 1024)} MB, more than the {options.MaxFileBytes / (1024 * 1024)} MB limit (Corpus:Reader:MaxFileBytes)"
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"unreadable: {ex.Message}";
        }
    }

    /// <param name="path">The file.</param>
    /// <param name="fileId">The id of the file's article (its path relative to the folder being synced).</param>
    public IEnumerable<ReadResult> Read(string path, string fileId)
    {
        var extension = Path.GetExtension(path);
        var origin = Path.GetFullPath(path);
        if (RefusalOf(path) is { } refusal)
        {
            return [ReadResult.Failure(fileId, refusal)];
        }
        if (s_jsonLinesExtensions.Contains(extension))
        {
            return ReadJsonLines(path, fileId, origin);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [ReadResult.Failure(fileId, $"unreadable: {ex.Message}")];
        }
        if (!TextDecoding.TryDecode(bytes, out var text, out var error))
        {
            return [ReadResult.Failure(fileId, error!)];
        }
        if (s_htmlExtensions.Contains(extension))
        {
            return [HtmlArticleReader.Read(text, fileId, origin, options.MaxHtmlDepth)];
        }
        if (s_feedExtensions.Contains(extension))
        {
            return FeedArticleReader.Read(text, fileId, origin, options.MaxHtmlDepth);
        }
        return [TextArticleReader.Read(text, fileId, origin, s_markdownExtensions.Contains(extension))];
    }

    private IEnumerable<ReadResult> ReadJsonLines(string path, string fileId, string origin)
    {
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [ReadResult.Failure(fileId, $"unreadable: {ex.Message}")];
        }
        return ReadAndDispose(stream);

        IEnumerable<ReadResult> ReadAndDispose(Stream s)
        {
            using (s)
            {
                foreach (var result in JsonLinesArticleReader.Read(s, fileId, origin, options.MaxLineBytes))
                {
                    yield return result;
                }
            }
        }
    }
}
