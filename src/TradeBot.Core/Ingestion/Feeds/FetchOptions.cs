namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>The <c>Fetch</c> settings: how feeds and article pages are fetched, and the limits that keep it safe.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetch";

    public const string DefaultUserAgent = "TradeBot/1.0 (trade-news question answering; polls feeds it is configured with; honours robots.txt)";

    /// <summary>The User-Agent sent with every request; also the name robots.txt rules are matched against ("TradeBot").</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>The longest one fetch may take, redirects and body included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The largest feed document read; a larger one is reported and not read.</summary>
    public long MaxFeedBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The largest article page (or robots.txt) read; a larger one is reported and not read.</summary>
    public long MaxPageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Redirects followed at most; each target is checked like the first address.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>When not empty, the only hosts fetched (feeds, pages and redirect targets alike).</summary>
    public List<string> AllowedHosts { get; } = [];

    /// <summary>The least time between two requests to one host.</summary>
    public TimeSpan HostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a feed that keeps failing is polled again (the wait doubles with each failure).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A feed item whose own content has at least this many characters of text is taken whole; a shorter one sends for the linked page.</summary>
    public int MinFullTextChars { get; set; } = 600;
}
