using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// Per-client limits on the Direct Line routes, per minute: <see cref="RequestsPolicy"/> on the route group, and
/// <see cref="MessagesPolicy"/> on posting activities and issuing tokens. A client is the conversation of its validated
/// token or, without a valid token, its address; each address also has an overall ceiling over all Direct Line routes.
/// The Direct Line scheme runs before the limiter, so a forged or expired token counts against its sender's address,
/// never against the conversation it names. Other routes are not limited.
/// </summary>
internal static class DirectLineRateLimiting
{
    public const string RequestsPolicy = "directline-requests";
    public const string MessagesPolicy = "directline-messages";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions limiter, DirectLineOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = OnRejectedAsync;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            DirectLineRoutes.IsDirectLine(context.Request.Path)
                ? FixedWindow("address:" + Address(context), options.RequestsPerMinute * 4)
                : RateLimitPartition.GetNoLimiter(string.Empty));
        limiter.AddPolicy(RequestsPolicy, context => FixedWindow(Client(context), options.RequestsPerMinute));
        limiter.AddPolicy(MessagesPolicy, context => FixedWindow(Client(context), options.MessagesPerMinute));
    }

    private static RateLimitPartition<string> FixedWindow(string partition, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = Window,
            QueueLimit = 0,
        });

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

    /// <summary>The conversation of a token the Direct Line scheme validated, else the address.</summary>
    private static string Client(HttpContext context) =>
        DirectLineTokenService.GrantOf(context.User) is { } grant ? "conversation:" + grant.ConversationId : "address:" + Address(context);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
