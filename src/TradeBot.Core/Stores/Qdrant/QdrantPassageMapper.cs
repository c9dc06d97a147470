using System.Globalization;
using TradeBot.Core.Stores.Qdrant.Api;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Maps <see cref="PassageRecord"/> to Qdrant points and back.</summary>
internal static class QdrantPassageMapper
{
    public static PointStruct ToPoint(PassageRecord record, int dimension)
    {
        ArgumentNullException.ThrowIfNull(record);
        var embedding = record.Embedding.Span;
        if (embedding.Length != dimension)
        {
            throw new QdrantException(QdrantErrorKind.VectorSizeMismatch, "upsert points",
                $"Passage {record.ArticleId}#{record.Ordinal} has an embedding of {embedding.Length} values, but the Qdrant collection expects {dimension}. Re-index with the configured embedder.");
        }
        foreach (var value in embedding)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"Passage {record.ArticleId}#{record.Ordinal} has a NaN or infinite embedding value; Qdrant would reject it.", nameof(record));
            }
        }
        // Only the text, as the embedded store's BM25 indexes only PassageRecord.Text. A passage without a single
        // indexable term gets no sparse vector at all rather than an empty one (named vectors are optional per point).
        var sparse = SparseTermEncoder.ForDocument(record.Text);
        return new PointStruct
        {
            Id = record.Id,
            Vector = new PointVectors
            {
                Dense = embedding.ToArray(),
                Sparse = sparse.Indices.Count == 0 ? null : sparse,
            },
            Payload = new PassagePayload
            {
                ArticleId = record.ArticleId,
                Ordinal = record.Ordinal,
                Text = record.Text,
                Title = record.Title,
                Source = record.Source,
                Url = record.Url,
                Published = record.Published is { } published ? QdrantFilterTranslator.FormatDate(published) : null,
                StoryId = record.StoryId,
            },
        };
    }

    public static PassageRecord ToRecord(Guid id, PassagePayload? payload, PointVectors? vectors)
    {
        var record = new PassageRecord { Id = id };
        if (payload is not null)
        {
            record.ArticleId = payload.ArticleId;
            record.Ordinal = payload.Ordinal;
            record.Text = payload.Text;
            record.Title = payload.Title;
            record.Source = payload.Source;
            record.Url = payload.Url;
            record.Published = payload.Published is { } published
                ? DateTimeOffset.Parse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
                : null;
            record.StoryId = payload.StoryId;
        }
        if (vectors?.Dense is { } dense)
        {
            record.Embedding = dense;
        }
        return record;
    }
}
