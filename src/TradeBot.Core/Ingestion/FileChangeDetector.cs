using System.Security.Cryptography;
using TradeBot.Core.Articles;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Tells whether a corpus file must be read again, as cheaply as it can: a file whose size and time are as recorded
/// (by this version of the pipeline and embedder) is not opened; one whose time changed is hashed, and read only when
/// its content changed. What the reader refuses (unsupported types, special files, oversized files) is never opened.
/// </summary>
internal sealed class FileChangeDetector(ArticleCatalog catalog, CorpusFileReader reader, string pipeline)
{
    private static readonly IReadOnlyDictionary<string, (string Hash, int PassageCount)> s_none = new Dictionary<string, (string, int)>();

    public async Task<FileChange> DetectAsync(string file, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        if (!CorpusFileReader.IsSupported(file))
        {
            return new FileChange(info.Exists ? info.Length : 0, s_none) { Failure = $"unsupported file type '{info.Extension}'" };
        }
        // Before anything is opened or hashed: a FIFO or device is never opened, an oversized file is refused from its length.
        if (reader.RefusalOf(file) is { } refusal)
        {
            return new FileChange(info.Exists ? info.Length : 0, s_none) { Failure = refusal };
        }
        var recorded = await catalog.GetFileAsync(file, cancellationToken).ConfigureAwait(false);
        if (recorded is not null && recorded.Size == info.Length && recorded.Modified == info.LastWriteTimeUtc.Ticks && recorded.Hash.EndsWith(pipeline, StringComparison.Ordinal))
        {
            return await UnchangedAsync(file, info.Length, null, cancellationToken).ConfigureAwait(false);
        }
        if (await HashFileAsync(file, cancellationToken).ConfigureAwait(false) is not { } contentHash)
        {
            return new FileChange(info.Length, s_none) { Failure = "unreadable file" };
        }
        var state = new FileState(file, info.Length, info.LastWriteTimeUtc.Ticks, $"{contentHash}/{pipeline}");
        if (recorded?.Hash == state.Hash)
        {
            return await UnchangedAsync(file, info.Length, state, cancellationToken).ConfigureAwait(false);
        }
        // Only a file that must be read again needs what the catalog holds of its articles (a million rows, for a wire).
        return new FileChange(info.Length, await catalog.ArticlesFromAsync(file, cancellationToken).ConfigureAwait(false)) { State = state, ContentChanged = true };
    }

    private async Task<FileChange> UnchangedAsync(string file, long length, FileState? touched, CancellationToken cancellationToken) =>
        new(length, s_none) { State = touched, UnchangedArticles = await catalog.CountArticlesFromAsync(file, cancellationToken).ConfigureAwait(false) };

    private static async Task<string?> HashFileAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(file);
            return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
