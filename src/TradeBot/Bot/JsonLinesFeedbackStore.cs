using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TradeBot.Core;
using TradeBot.Hosting;

namespace TradeBot.Bot;

/// <summary>
/// Appends each feedback record as one JSON line to a file (by default <c>feedback.jsonl</c> in the data folder,
/// <c>Corpus:DataPath</c>), until the file reaches <see cref="TradeNewsBotOptions.MaxFeedbackFileBytes"/>.
/// </summary>
internal sealed class JsonLinesFeedbackStore(IOptions<TradeNewsBotOptions> options, IOptions<CorpusOptions> corpus, ILogger<JsonLinesFeedbackStore> logger)
    : IFeedbackStore, IDisposable
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Relative paths are under the data folder, never under the working folder the server happened to start in.</summary>
    private string FilePath { get; } = Path.GetFullPath(
        options.Value.FeedbackPath,
        corpus.Value.DataPath is { Length: > 0 } data ? Path.GetFullPath(data) : Path.Combine(RepositoryRoot.Find(), "data"));

    public async Task AddAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = JsonSerializer.Serialize(record, _json) + "\n";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var file = new FileInfo(FilePath);
            if (file.Exists && file.Length + Encoding.UTF8.GetByteCount(line) > options.Value.MaxFeedbackFileBytes)
            {
                TradeNewsBotLog.FeedbackFileFull(logger, FilePath, options.Value.MaxFeedbackFileBytes);
                return;
            }

            await File.AppendAllTextAsync(FilePath, line, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(FilePath))
            {
                return [];
            }

            var lines = await File.ReadAllLinesAsync(FilePath, cancellationToken);
            return [.. lines.Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<FeedbackRecord>(l, _json)!)];
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
