namespace TradeBot.Core.Embeddings;

/// <summary>
/// Downloads a sentence-embedding model (<c>model.onnx</c> and <c>vocab.txt</c>) into a folder, for machines with
/// internet. Each file goes to a temporary name first and is moved into place when complete, so that an interrupted
/// download never leaves a truncated model behind. The CLI verb that calls it is wired separately.
/// </summary>
public sealed class OnnxModelDownloader(HttpClient httpClient)
{
    /// <summary>Downloads both files; <paramref name="progress"/> gets the file name and the bytes written so far.</summary>
    public async Task DownloadAsync(Uri modelUrl, Uri vocabularyUrl, string folder, IProgress<(string File, long Bytes)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelUrl);
        ArgumentNullException.ThrowIfNull(vocabularyUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        await DownloadFileAsync(vocabularyUrl, Path.Combine(folder, OnnxEmbeddingGenerator.VocabularyFileName), progress, cancellationToken).ConfigureAwait(false);
        await DownloadFileAsync(modelUrl, Path.Combine(folder, OnnxEmbeddingGenerator.ModelFileName), progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task DownloadFileAsync(Uri url, string target, IProgress<(string File, long Bytes)>? progress, CancellationToken cancellationToken)
    {
        var partial = target + ".part";
        using (var response = await httpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Downloading {url} failed with status {(int)response.StatusCode}.", null, response.StatusCode);
            }
            var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var file = File.Create(partial);
                await using (file.ConfigureAwait(false))
                {
                    var buffer = new byte[81920];
                    long written = 0;
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        written += read;
                        progress?.Report((Path.GetFileName(target), written));
                    }
                }
            }
        }
        File.Move(partial, target, overwrite: true);
    }
}
