namespace TradeBot.Core;

public sealed class CorpusOptions
{
    public const string SectionName = "Corpus";

    /// <summary>The folder of articles, or one article file (such as a JSON Lines file), kept in sync with the store. Default: <c>corpus/</c> of the repository.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The folder for the embedded store and other local state. Default: <c>data/</c> of the repository.</summary>
    public string DataPath { get; set; } = string.Empty;
}
