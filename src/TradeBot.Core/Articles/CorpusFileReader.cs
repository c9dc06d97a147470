namespace TradeBot.Core.Articles;

/// <summary>Reads one corpus file of any supported kind into articles, reporting each item that cannot be read.</summary>
public sealed class CorpusFileReader(CorpusReaderOptions options)
{
    private static readonly HashSet<string> s_textExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".text" };
    private static readonly HashSet<string> s_markdownExtensions = new(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown" };
    private static readonly HashSet<string> s_htmlExtensions = new(StringComparer.OrdinalIgnoreCase) { ".html", ".htm" };
    private static readonly HashSet<string> s_feedExtensions = new(StringComparer.OrdinalIgnoreCase) { ".xml", ".rss", ".atom" };
    private static readonly HashSet<string> s_jsonLinesExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jsonl", ".ndjson" };

    public static bool IsSupported(string path)
    {
        var extension = Path.GetExtension(path);
        return s_textExtensions.Contains(extension) || s_markdownExtensions.Contains(extension) || s_htmlExtensions.Contains(extension)
            || s_feedExtensions.Contains(extension) || s_jsonLinesExtensions.Contains(extension);
    }

    /// <param name="path">The file.</param>
    /// <param name="fileId">The id of the file's article (its path relative to the folder being synced).</param>
    public IEnumerable<ReadResult> Read(string path, string fileId)
    {
        var extension = Path.GetExtension(path);
        var origin = Path.GetFullPath(path);
        if (s_jsonLinesExtensions.Contains(extension))
        {
            return ReadJsonLines(path, fileId, origin);
        }

        long length;
        byte[] bytes;
        try
        {
            length = new FileInfo(path).Length;
            if (length > options.MaxFileBytes)
            {
                return [ReadResult.Failure(fileId, $"file is {length / (1024 * 1024)} MB, more than the {options.MaxFileBytes / (1024 * 1024)} MB limit")];
            }
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
            return [HtmlArticleReader.Read(text, fileId, origin)];
        }
        if (s_feedExtensions.Contains(extension))
        {
            return FeedArticleReader.Read(text, fileId, origin);
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
