namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Names fixed by the collection design: vector names, payload keys and metadata keys.</summary>
internal static class QdrantNames
{
    public const string DenseVector = "dense";
    public const string SparseVector = "bm25";

    public const string ArticleId = "article_id";
    public const string Ordinal = "ordinal";
    public const string Text = "text";
    public const string Title = "title";
    public const string Source = "source";
    public const string Url = "url";
    public const string Published = "published";
    public const string StoryId = "story_id";

    public const string MetadataEmbedder = "embedder";
    public const string MetadataDimension = "dimension";
    public const string MetadataSchemaVersion = "schema_version";

    /// <summary>A fresh id per created collection: the catalog records it, so a recreated collection is told apart.</summary>
    public const string MetadataInstanceId = "instance_id";
    public const int SchemaVersion = 1;
}
