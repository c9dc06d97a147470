using System.Numerics.Tensors;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Finds articles that tell the same story (two outlets, wire copies): an article joins the story of the most similar
/// article published within <see cref="Window"/> of it when their article vectors are at least
/// <see cref="Threshold"/> alike. Articles without a date could be from any day: every article is also compared
/// with the recent undated ones.
/// </summary>
internal sealed class StoryLinker(ArticleCatalog catalog)
{
    public const float Threshold = 0.6f;
    private const int MaxCandidates = 2000;
    private static readonly TimeSpan s_window = TimeSpan.FromDays(2);

    private readonly Dictionary<DateOnly, List<CatalogEntry>> _byDay = [];
    private List<CatalogEntry>? _undated;

    public static TimeSpan Window => s_window;

    public async Task<string> StoryOfAsync(string articleId, DateTimeOffset? published, float[] vector, CancellationToken cancellationToken)
    {
        CatalogEntry? best = null;
        var bestScore = Threshold;
        foreach (var candidate in await CandidatesAsync(published, cancellationToken).ConfigureAwait(false))
        {
            if (candidate.Id == articleId || candidate.Vector.Length != vector.Length)
            {
                continue;
            }
            var score = TensorPrimitives.CosineSimilarity(vector, candidate.Vector);
            if (score >= bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }
        return best?.StoryId ?? articleId;
    }

    /// <summary>Makes an article just linked visible to the articles after it in the same run.</summary>
    public void Remember(CatalogEntry entry)
    {
        if (entry.Published is { } published)
        {
            if (_byDay.TryGetValue(DateOnly.FromDateTime(published.UtcDateTime), out var day))
            {
                day.RemoveAll(e => e.Id == entry.Id);
                day.Add(entry);
            }
        }
        else if (_undated is not null)
        {
            _undated.RemoveAll(e => e.Id == entry.Id);
            _undated.Add(entry);
            if (_undated.Count > MaxCandidates)
            {
                _undated.RemoveAt(0);
            }
        }
    }

    private async Task<IEnumerable<CatalogEntry>> CandidatesAsync(DateTimeOffset? published, CancellationToken cancellationToken)
    {
        _undated ??= [.. (await catalog.PublishedBetweenAsync(null, null, MaxCandidates, cancellationToken).ConfigureAwait(false)).Reverse()];
        if (published is not { } date)
        {
            return _undated;
        }
        var days = new List<CatalogEntry>(_undated);
        var first = DateOnly.FromDateTime((date - s_window).UtcDateTime);
        var last = DateOnly.FromDateTime((date + s_window).UtcDateTime);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!_byDay.TryGetValue(day, out var entries))
            {
                var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                entries = [.. await catalog.PublishedBetweenAsync(start, start.AddDays(1).AddTicks(-1), MaxCandidates, cancellationToken).ConfigureAwait(false)];
                _byDay[day] = entries;
            }
            days.AddRange(entries);
        }
        return days;
    }
}
