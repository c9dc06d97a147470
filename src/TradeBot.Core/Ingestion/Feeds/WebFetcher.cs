using System.Net;

namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>
/// Fetches feeds and pages within limits: http(s) only, the host allow-list (redirect targets included), a bounded
/// number of redirects, a byte limit (from <c>Content-Length</c> and while reading), one timeout on the injected clock
/// for the whole fetch, requests to a host spaced apart, an honest User-Agent and conditional GET. Never throws for
/// what the network or the server did: the result says what happened.
/// </summary>
internal sealed class WebFetcher(HttpClient http, FetchOptions options, TimeProvider timeProvider, HostRateLimiter limiter)
{
    public const string HttpClientName = "TradeBot.Fetch";

    private const int BufferSize = 81920;

    /// <summary>Why an address is not fetched (its scheme, or a host off the allow-list); null when it may be.</summary>
    public string? RefusalOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"'{url}' is not an http or https address";
        }
        return options.AllowedHosts.Count > 0 && !options.AllowedHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase)
            ? $"host '{url.Host}' is not in the allow-list (Fetch:AllowedHosts)"
            : null;
    }

    public async Task<FetchResult> GetAsync(Uri url, long maxBytes, FetchConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (RefusalOf(current) is { } refusal)
                {
                    return FetchResult.Failed(current, refusal);
                }
                await limiter.WaitAsync(current.Host, linked.Token).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
                if (conditions?.ETag is { } etag)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }
                if (conditions?.LastModified is { } modified)
                {
                    request.Headers.IfModifiedSince = modified;
                }
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified)
                {
                    if (response.Headers.Location is not { } location)
                    {
                        return FetchResult.Failed(current, $"HTTP {status} redirect without a Location", httpStatus: status);
                    }
                    if (redirects >= options.MaxRedirects)
                    {
                        return FetchResult.Failed(current, $"more than {options.MaxRedirects} redirects (Fetch:MaxRedirects)", httpStatus: status);
                    }
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new FetchResult(FetchStatus.NotModified, current, [], conditions?.ETag, conditions?.LastModified, HttpStatus: status);
                }
                if (!response.IsSuccessStatusCode)
                {
                    return FetchResult.Failed(current, $"HTTP {status} {response.ReasonPhrase}".TrimEnd(),
                        RetryAfter(response, timeProvider.GetUtcNow()), status);
                }
                if (response.Content.Headers.ContentLength > maxBytes)
                {
                    return FetchResult.Failed(current, TooLarge(response.Content.Headers.ContentLength.Value, maxBytes), httpStatus: status);
                }
                var body = await ReadLimitedAsync(response.Content, maxBytes, linked.Token).ConfigureAwait(false);
                if (body is null)
                {
                    return FetchResult.Failed(current, TooLarge(null, maxBytes), httpStatus: status);
                }
                return new FetchResult(FetchStatus.Ok, current, body, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, HttpStatus: status);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Failed(current, $"no complete answer within {options.Timeout.TotalSeconds:0.#} s (Fetch:Timeout)");
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Failed(current, $"request failed: {ex.Message}");
        }
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for, in seconds or as an HTTP date; null without one.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static string TooLarge(long? length, long maxBytes) =>
        $"{(length is { } bytes ? $"{bytes:N0} bytes" : "the response is")} larger than the {maxBytes:N0}-byte limit (Fetch:MaxFeedBytes, Fetch:MaxPageBytes)";

    /// <summary>The body, or null as soon as it grows past <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
