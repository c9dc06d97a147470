namespace TradeBot.Core;

public sealed class CorpusOptions
{
    public const string SectionName = "Corpus";

    /// <summary>The folder of articles, or one article file (such as a JSON Lines file), kept in sync with the store. Default: <c>corpus/</c> of the repository; a relative path is relative to the repository.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The folder for the embedded store and other local state. Default: <c>data/</c> of the repository; a relative path is relative to the repository.</summary>
    public string DataPath { get; set; } = string.Empty;

    /// <summary>Whether the server watches the corpus folder and ingests what changes in it while it runs (off: only at start).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How long the folder must be quiet after a change before it is synced: a burst of files is one sync.</summary>
    public TimeSpan WatchDebounce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the folder is synced even without a notification (notifications can be lost).</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When set, articles published more than this many days ago are removed after each sync and poll; undated ones stay.</summary>
    public int? RetentionDays { get; set; }
}
