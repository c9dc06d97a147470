using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// Per-client limits on the Direct Line routes: all requests, and posted activities plus issued tokens, per minute.
/// A client is the conversation of its validated token or, without a valid token, its address; each address also has
/// an overall ceiling. A forged or expired token counts against its sender's address, never against the conversation
/// it names. Other routes are not limited.
/// </summary>
internal static class DirectLineRateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions limiter, DirectLineOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = OnRejectedAsync;
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            Limit(context => $"address:{Address(context)}", options.RequestsPerMinute * 4),
            Limit(context => $"client:{Client(context)}", options.RequestsPerMinute),
            Limit(context => IsMessage(context.Request) ? $"messages:{Client(context)}" : null, options.MessagesPerMinute));
    }

    private static PartitionedRateLimiter<HttpContext> Limit(Func<HttpContext, string?> key, int permitsPerMinute) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            DirectLineRoutes.IsDirectLine(context.Request.Path) && key(context) is { } partition
                ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permitsPerMinute,
                    Window = Window,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : (int)Window.TotalSeconds;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineRateLimiting));
        DirectLineLog.RateLimited(logger, context.Request.Path);
        await TypedResults.Problem(
            $"Too many requests from this client. Please wait {retryAfter} seconds and try again.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context);
    }

    private static bool IsMessage(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Value!.EndsWith("/activities", StringComparison.OrdinalIgnoreCase)
            || string.Equals(request.Path.Value, DirectLineRoutes.TokenPath, StringComparison.OrdinalIgnoreCase));

    /// <summary>The conversation of a validated token (see <see cref="DirectLineCaller"/>), else the address.</summary>
    private static string Client(HttpContext context) =>
        DirectLineCaller.ConversationId(context) is { } conversationId ? "conversation:" + conversationId : "address:" + Address(context);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
