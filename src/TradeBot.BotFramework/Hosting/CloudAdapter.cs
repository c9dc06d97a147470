using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Authentication;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Connector;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Hosting;

/// <summary>
/// The HTTP side of the protocol, as Bot Builder's CloudAdapter: read and check the activity (the caller policy of
/// <see cref="BotFrameworkAuthentication"/> has admitted the request), then
/// answer invokes and expectReplies synchronously in the body and acknowledge everything else with 200 while the turn
/// runs in the background.
/// </summary>
internal sealed class CloudAdapter(
    BackgroundTurnQueue queue,
    TurnRunner runner,
    IOptions<BotFrameworkOptions> options,
    ILogger<CloudAdapter> logger) : IBotHttpAdapter
{
    public async Task<IResult> ProcessAsync(HttpContext httpContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var read = await ActivityRequestReader.ReadOnceAsync(httpContext, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (read.Activity is not { } activity)
        {
            return Refuse(read.Status, read.Title!, read.Detail!);
        }

        var vouched = BotFrameworkAuthentication.ServiceUrlVouched(httpContext.User, activity, options.Value);
        if (string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal))
        {
            return await ProcessExpectingRepliesAsync(httpContext.RequestServices, activity, cancellationToken);
        }

        if (activity.IsType(ActivityTypes.Invoke))
        {
            var services = httpContext.RequestServices;
            var sender = new ConnectorActivitySender(
                services.GetRequiredService<ConnectorClient>(),
                services.GetRequiredService<ServiceUrlPolicy>(),
                vouched);
            var response = await runner.RunAsync(services.GetRequiredService<IBot>(), new TurnContext(activity, sender, false), cancellationToken);
            return ToResult(response ?? InvokeResponse.NotImplemented());
        }

        if (!queue.TryEnqueue(new QueuedTurn(activity, vouched)))
        {
            HostingLog.QueueFull(logger, activity.Type);
            httpContext.Response.Headers.RetryAfter = "5";
            return Refuse(StatusCodes.Status503ServiceUnavailable, "Busy", "The bot is busy; try again shortly.");
        }

        return TypedResults.Ok();
    }

    private async Task<IResult> ProcessExpectingRepliesAsync(IServiceProvider services, Activity activity, CancellationToken cancellationToken)
    {
        var buffer = new BufferedActivitySender();
        var response = await runner.RunAsync(services.GetRequiredService<IBot>(), new TurnContext(activity, buffer, true), cancellationToken);
        var replies = new ExpectedReplies { Activities = [.. buffer.Activities] };
        if (activity.IsType(ActivityTypes.Invoke))
        {
            var invokeResponse = response ?? InvokeResponse.NotImplemented();
            replies.Activities.Add(new Activity
            {
                Type = ActivityTypes.InvokeResponse,
                Value = JsonSerializer.SerializeToElement(new { status = invokeResponse.Status, body = invokeResponse.Body }, ActivitySerializer.Options),
            });
        }

        return TypedResults.Json(replies, ActivitySerializer.Options);
    }

    private static IResult ToResult(InvokeResponse response) =>
        response.Body is { } body
            ? TypedResults.Json(body, ActivitySerializer.Options, statusCode: response.Status)
            : TypedResults.StatusCode(response.Status);

    private IResult Refuse(int status, string title, string detail)
    {
        HostingLog.RequestRefused(logger, status, detail);
        return TypedResults.Problem(detail, statusCode: status, title: title);
    }
}
