using System.Globalization;
using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Maps <see cref="PassageRecord"/> to Qdrant points (the client's generated messages) and back.</summary>
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
        var vectors = new NamedVectors();
        var dense = new DenseVector();
        dense.Data.AddRange(embedding.ToArray());
        vectors.Vectors.Add(QdrantNames.DenseVector, new Vector { Dense = dense });
        // Only the text, as the embedded store's BM25 indexes only PassageRecord.Text. A passage without a single
        // indexable term gets no sparse vector at all rather than an empty one (named vectors are optional per point).
        var sparse = SparseTermEncoder.ForDocument(record.Text);
        if (sparse.Indices.Count > 0)
        {
            vectors.Vectors.Add(QdrantNames.SparseVector, new Vector { Sparse = sparse });
        }
        var point = new PointStruct { Id = record.Id, Vectors = new Vectors { Vectors_ = vectors } };
        point.Payload.Add(QdrantNames.ArticleId, record.ArticleId);
        point.Payload.Add(QdrantNames.Ordinal, record.Ordinal);
        point.Payload.Add(QdrantNames.Text, record.Text);
        point.Payload.Add(QdrantNames.Title, record.Title);
        point.Payload.Add(QdrantNames.Source, record.Source);
        if (record.Url is { } url)
        {
            point.Payload.Add(QdrantNames.Url, url);
        }
        if (record.Published is { } published)
        {
            point.Payload.Add(QdrantNames.Published, QdrantFilterTranslator.FormatDate(published));
        }
        point.Payload.Add(QdrantNames.StoryId, record.StoryId);
        return point;
    }

    public static PassageRecord ToRecord(PointId id, MapField<string, Value> payload, VectorsOutput? vectors)
    {
        var record = new PassageRecord
        {
            Id = Guid.Parse(id.Uuid),
            ArticleId = Text(payload, QdrantNames.ArticleId) ?? string.Empty,
            Ordinal = payload.TryGetValue(QdrantNames.Ordinal, out var ordinal) ? (int)ordinal.IntegerValue : 0,
            Text = Text(payload, QdrantNames.Text) ?? string.Empty,
            Title = Text(payload, QdrantNames.Title) ?? string.Empty,
            Source = Text(payload, QdrantNames.Source) ?? string.Empty,
            Url = Text(payload, QdrantNames.Url),
            Published = Text(payload, QdrantNames.Published) is { } published
                ? DateTimeOffset.Parse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
                : null,
            StoryId = Text(payload, QdrantNames.StoryId) ?? string.Empty,
        };
        if (vectors?.Vectors?.Vectors.TryGetValue(QdrantNames.DenseVector, out var dense) == true)
        {
            // Newer servers answer in the `dense` variant; older ones only in the deprecated flat `data` field.
#pragma warning disable CS0612
            record.Embedding = (dense.Dense?.Data ?? dense.Data).ToArray();
#pragma warning restore CS0612
        }
        return record;
    }

    private static string? Text(MapField<string, Value> payload, string key) =>
        payload.TryGetValue(key, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;
}
