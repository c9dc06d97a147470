using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace TradeBot.Core.Answers.Llm;

/// <summary>
/// Retries a request answered with 429 Too Many Requests after the wait its <c>Retry-After</c> header asks for
/// (or <c>retry-after-ms</c>, as OpenAI sends), at most <see cref="ChatOptions.MaxRetries"/> times, and only
/// while the wait is within <see cref="ChatOptions.MaxRetryDelaySeconds"/>; otherwise the 429 goes back to the caller.
/// The connector's own retries are off when it is given an HttpClient, so this is the only retry.
/// </summary>
internal sealed class RetryAfterHandler(ChatOptions options, TimeProvider timeProvider, ILogger logger) : DelegatingHandler
{
    private static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(1);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false); // so that it can be sent again
        }
        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt > options.MaxRetries)
            {
                return response;
            }
            var delay = RetryDelay(response, timeProvider.GetUtcNow()) ?? DefaultDelay;
            if (delay > TimeSpan.FromSeconds(options.MaxRetryDelaySeconds))
            {
                return response;
            }
            response.Dispose();
            LlmLog.RetryingAfter(logger, delay, attempt, options.MaxRetries);
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static TimeSpan? RetryDelay(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }
}
