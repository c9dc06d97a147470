using Microsoft.Extensions.Options;
using TradeBot.Core.Articles;

namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>
/// Polls one feed: a conditional GET (a 304 fetches nothing more), then each item not ingested before (by guid, link or
/// canonical URL, across every feed) becomes an article — the feed's own content when it holds the full text, else the
/// linked page (when its robots.txt allows) with its main text read by the HTML reader. A failed feed is polled again
/// after a backoff that doubles (and at least after its <c>Retry-After</c>); a failed item is tried again at the next
/// poll, which therefore fetches the feed in full. Fetched text is untrusted article text, like a corpus file's.
/// </summary>
public sealed class FeedPoller
{
    private readonly WebFetcher _fetcher;
    private readonly RobotsPolicy _robots;
    private readonly CorpusIngestion _ingestion;
    private readonly IngestionStatusStore _status;
    private readonly FetchOptions _options;
    private readonly CorpusReaderOptions _readerOptions;
    private readonly TimeProvider _timeProvider;

    internal FeedPoller(WebFetcher fetcher, RobotsPolicy robots, CorpusIngestion ingestion, IngestionStatusStore status,
        IOptions<FetchOptions> options, IOptions<CorpusReaderOptions> readerOptions, TimeProvider timeProvider)
    {
        (_fetcher, _robots, _ingestion, _status, _options, _readerOptions, _timeProvider) =
            (fetcher, robots, ingestion, status, options.Value, readerOptions.Value, timeProvider);
    }

    /// <summary>Why a feed address cannot be polled at all (not http(s), or off the allow-list); null when it can.</summary>
    public string? RefusalOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? _fetcher.RefusalOf(uri) : $"'{url}' is not an absolute http or https address";

    public async Task<FeedPollResult> PollAsync(FeedSubscription feed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var state = await _status.GetFeedAsync(feed.Url, cancellationToken).ConfigureAwait(false) ?? FeedState.New(feed.Url);
        var now = _timeProvider.GetUtcNow();
        if (RefusalOf(feed.Url) is { } refusal)
        {
            return await FailAsync(feed, state, now, refusal, null, cancellationToken).ConfigureAwait(false);
        }
        var fetched = await _fetcher.GetAsync(new Uri(feed.Url), _options.MaxFeedBytes, new FetchConditions(state.ETag, state.LastModified), cancellationToken)
            .ConfigureAwait(false);
        if (fetched.Status == FetchStatus.Failed)
        {
            return await FailAsync(feed, state, now, fetched.Error!, fetched.RetryAfter, cancellationToken).ConfigureAwait(false);
        }
        var next = now + feed.PollInterval;
        if (fetched.Status == FetchStatus.NotModified)
        {
            await _status.SetFeedAsync(state with { LastPoll = now, LastSuccess = now, NextPoll = next, Failures = 0, LastError = null, Added = 0, ItemFailures = [] },
                cancellationToken).ConfigureAwait(false);
            return new FeedPollResult(feed.Url, FeedPollOutcome.NotModified, 0, 0, [], null, next);
        }
        if (!TextDecoding.TryDecode(fetched.Body, out var xml, out var decodeError))
        {
            return await FailAsync(feed, state, now, decodeError!, null, cancellationToken).ConfigureAwait(false);
        }
        if (FeedArticleReader.Parse(xml, out var parseError) is not { } document)
        {
            return await FailAsync(feed, state, now, parseError!, null, cancellationToken).ConfigureAwait(false);
        }

        var failures = new List<IngestFailure>();
        var known = 0;
        var articles = new List<(RawArticle Article, HashSet<string> Keys)>();
        foreach (var item in document.Items)
        {
            var keys = Keys(item.Guid, item.Link);
            if (keys.Count == 0)
            {
                failures.Add(new IngestFailure(item.Title ?? feed.Url, "feed item without a guid or link"));
                continue;
            }
            if (await _status.KnownItemAsync(keys, cancellationToken).ConfigureAwait(false) is not null
                || articles.Any(a => a.Keys.Overlaps(keys)))
            {
                known++;
                continue;
            }
            if (_ingestion.RetentionCutoff is { } cutoff && item.Published < cutoff)
            {
                continue;
            }
            var (article, error) = await ArticleOfAsync(item, document.Title, feed.Url, cancellationToken).ConfigureAwait(false);
            if (article is null)
            {
                failures.Add(new IngestFailure(item.Link ?? item.Guid!, error!));
                continue;
            }
            var allKeys = Keys(item.Guid, item.Link, article.Url);
            if (allKeys.Count > keys.Count && await _status.KnownItemAsync(allKeys, cancellationToken).ConfigureAwait(false) is not null)
            {
                // Another feed's item, by another guid or link, with the same canonical page.
                await _status.RememberItemAsync(allKeys, article.Id, cancellationToken).ConfigureAwait(false);
                known++;
                continue;
            }
            articles.Add((article, allKeys));
        }

        var report = await _ingestion.IngestArticlesAsync([.. articles.Select(a => a.Article)], cancellationToken).ConfigureAwait(false);
        var failed = report.Failures.Select(f => f.Item).ToHashSet(StringComparer.Ordinal);
        foreach (var (article, keys) in articles.Where(a => !failed.Contains(a.Article.Id)))
        {
            await _status.RememberItemAsync(keys, article.Id, cancellationToken).ConfigureAwait(false);
        }
        failures.AddRange(report.Failures);
        // Items that failed are tried again at the next poll: without validators it fetches the feed in full.
        var clean = failures.Count == 0;
        await _status.SetFeedAsync(new FeedState(feed.Url, clean ? fetched.ETag : null, clean ? fetched.LastModified : null, now, now, next, 0, null,
            report.Added, [.. failures.Select(f => $"{f.Item}: {f.Reason}")]), cancellationToken).ConfigureAwait(false);
        return new FeedPollResult(feed.Url, FeedPollOutcome.Read, report.Added, known, failures, null, next);
    }

    private async Task<FeedPollResult> FailAsync(FeedSubscription feed, FeedState state, DateTimeOffset now, string error, TimeSpan? retryAfter,
        CancellationToken cancellationToken)
    {
        var failures = state.Failures + 1;
        var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, feed.PollInterval.Ticks * (1L << Math.Min(failures - 1, 20))));
        if (retryAfter > backoff)
        {
            backoff = retryAfter.Value;
        }
        var next = now + backoff;
        await _status.SetFeedAsync(state with { LastPoll = now, NextPoll = next, Failures = failures, LastError = error, Added = 0 }, cancellationToken)
            .ConfigureAwait(false);
        return new FeedPollResult(feed.Url, FeedPollOutcome.Failed, 0, 0, [], error, next);
    }

    /// <summary>The article an item becomes, or why it cannot be had now.</summary>
    private async Task<(RawArticle? Article, string? Error)> ArticleOfAsync(FeedItem item, string? outlet, string feedUrl, CancellationToken cancellationToken)
    {
        var ownHtml = item.ContentHtml ?? item.SummaryHtml ?? string.Empty;
        if (HtmlNesting.Exceeds(ownHtml, _readerOptions.MaxHtmlDepth))
        {
            return (null, HtmlNesting.TooDeep(_readerOptions.MaxHtmlDepth));
        }
        var ownText = FeedArticleReader.HtmlToText(ownHtml).Trim();
        var link = Uri.TryCreate(item.Link, UriKind.Absolute, out var uri) && _fetcher.RefusalOf(uri) is null ? uri : null;
        var id = item.Link ?? item.Guid!;
        if (ownText.Length >= _options.MinFullTextChars || link is null)
        {
            return ownText.Length > 0
                ? (new RawArticle(id, item.Title, outlet, item.Link, item.Published, ownText, feedUrl), null)
                : (null, "feed item has no text and no page to fetch");
        }
        if (!await _robots.AllowsAsync(link, cancellationToken).ConfigureAwait(false))
        {
            // The page may not be fetched: what the feed itself says is all there is.
            return ownText.Length > 0
                ? (new RawArticle(id, item.Title, outlet, item.Link, item.Published, ownText, feedUrl), null)
                : (null, $"robots.txt of {link.Host} does not allow fetching the page, and the feed gives no text");
        }
        var page = await _fetcher.GetAsync(link, _options.MaxPageBytes, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (page.Status != FetchStatus.Ok)
        {
            return (null, $"page: {page.Error}");
        }
        if (!TextDecoding.TryDecode(page.Body, out var html, out var decodeError))
        {
            return (null, $"page: {decodeError}");
        }
        var read = HtmlArticleReader.Read(html, id, feedUrl, _readerOptions.MaxHtmlDepth);
        if (read.Article is not { } found)
        {
            return (null, $"page: {read.Error}");
        }
        // The page's canonical address is the article's identity: the same story linked from two feeds is one article.
        var canonical = Uri.TryCreate(page.Url, found.Url, out var resolved) && _fetcher.RefusalOf(resolved) is null ? resolved.ToString() : page.Url.ToString();
        return (new RawArticle(canonical, item.Title ?? found.Title, found.Source ?? outlet, canonical, item.Published ?? found.Published, found.Body, feedUrl), null);
    }

    /// <summary>The keys an item is known by: its guid, and each of its addresses without fragment (host lower-cased).</summary>
    internal static HashSet<string> Keys(string? guid, params string?[] urls)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(guid))
        {
            keys.Add("guid:" + guid.Trim());
        }
        foreach (var url in urls)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                keys.Add("url:" + uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped));
            }
        }
        return keys;
    }
}
