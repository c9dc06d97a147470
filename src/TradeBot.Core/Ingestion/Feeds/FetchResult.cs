namespace TradeBot.Core.Ingestion.Feeds;

public enum FetchStatus
{
    Ok,
    NotModified,
    Failed,
}

/// <summary>What one fetch gave: the body, the validators for the next conditional GET, or why it failed.</summary>
/// <param name="Url">The address finally answered (after redirects).</param>
/// <param name="RetryAfter">How long the server asked to be left alone (<c>Retry-After</c>), when it said.</param>
/// <param name="HttpStatus">The HTTP status of the last response, when there was one.</param>
internal sealed record FetchResult(
    FetchStatus Status,
    Uri Url,
    byte[] Body,
    string? ETag = null,
    DateTimeOffset? LastModified = null,
    string? Error = null,
    TimeSpan? RetryAfter = null,
    int? HttpStatus = null)
{
    public static FetchResult Failed(Uri url, string error, TimeSpan? retryAfter = null, int? httpStatus = null) =>
        new(FetchStatus.Failed, url, [], Error: error, RetryAfter: retryAfter, HttpStatus: httpStatus);
}

/// <summary>The validators of the last good fetch, sent as <c>If-None-Match</c> and <c>If-Modified-Since</c>.</summary>
internal sealed record FetchConditions(string? ETag, DateTimeOffset? LastModified);
