using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TradeBot.Bot;

/// <summary>Appends each feedback record as one JSON line to a file (by default <c>data/feedback.jsonl</c>).</summary>
internal sealed class JsonLinesFeedbackStore(IOptions<TradeNewsBotOptions> options) : IFeedbackStore, IDisposable
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);

    private string FilePath => Path.GetFullPath(options.Value.FeedbackPath);

    public async Task AddAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = JsonSerializer.Serialize(record, _json) + "\n";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
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
