namespace TradeBot.Core.Stores.Qdrant;

/// <summary>The embedder a collection is built for: its name and dimension are recorded in the collection metadata.</summary>
public sealed record QdrantEmbedderInfo
{
    public QdrantEmbedderInfo(string name, int dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Name = name;
        Dimension = dimension;
    }

    public string Name { get; }

    public int Dimension { get; }
}
