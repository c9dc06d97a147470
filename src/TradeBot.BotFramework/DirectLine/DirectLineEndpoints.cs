using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Hosting;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// The handlers of the Direct Line 3.0 routes. The conversation policy (<see cref="DirectLineAuthentication"/>) has
/// already admitted the caller's token for the route's conversation; an ended conversation answers 404.
/// </summary>
internal sealed class DirectLineEndpoints(
    DirectLineTokenService tokens,
    DirectLineConversationStore store,
    DirectLineChannel channel,
    AzureDirectLineTokenClient azure,
    DirectLineStreamPump pump,
    IOptions<DirectLineOptions> options,
    ILogger<DirectLineEndpoints> logger)
{
    /// <summary>POST /api/directline/token: the page's token, from Azure Direct Line when a secret is configured.</summary>
    public async Task<IResult> IssueTokenAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (options.Value.UsesAzure)
        {
            var (_, grant) = tokens.IssueForNewConversation();
            var info = await azure.GenerateAsync(grant.UserId, cancellationToken);
            return info is null
                ? Refuse(httpContext, StatusCodes.Status502BadGateway, "Direct Line unavailable", "The Direct Line service did not issue a token; try again shortly.")
                : TypedResults.Ok(info);
        }

        var (token, issued) = tokens.IssueForNewConversation();
        return TypedResults.Ok(new DirectLineConversationInfo(issued.ConversationId, token, ExpiresIn(), Domain: Domain(httpContext.Request), UserId: issued.UserId));
    }

    /// <summary>POST /tokens/refresh: a fresh token for the same conversation and user.</summary>
    public IResult Refresh(HttpContext httpContext)
    {
        var grant = Grant(httpContext);
        var (token, _) = tokens.Issue(grant.ConversationId, grant.UserId);
        return TypedResults.Ok(new DirectLineConversationInfo(grant.ConversationId, token, ExpiresIn()));
    }

    /// <summary>POST /conversations: starts the token's conversation (201) or returns it when it exists (200).</summary>
    public IResult Start(HttpContext httpContext)
    {
        var grant = Grant(httpContext);
        var (conversation, created) = store.GetOrCreate(grant);
        if (conversation is null)
        {
            return Busy(httpContext, "The server holds as many conversations as it can; try again later.");
        }

        if (created)
        {
            DirectLineLog.ConversationStarted(logger, conversation.Id);
            if (!channel.Start(conversation, ServiceUrl(httpContext.Request)))
            {
                return Busy(httpContext, "The bot is busy; try again shortly.");
            }
        }

        var info = ConversationInfo(httpContext, grant, watermark: null);
        return created ? TypedResults.Created((string?)null, info) : TypedResults.Ok(info);
    }

    /// <summary>GET /conversations/{id}?watermark=: reconnect, with a fresh stream URL.</summary>
    public IResult Reconnect(HttpContext httpContext, string conversationId, string? watermark)
    {
        var grant = Grant(httpContext);
        return store.Find(conversationId) is null ? Ended(httpContext) : TypedResults.Ok(ConversationInfo(httpContext, grant, watermark));
    }

    /// <summary>POST /conversations/{id}/activities: keep and echo the activity, run the bot's turn, answer its id.</summary>
    public async Task<IResult> PostActivityAsync(HttpContext httpContext, string conversationId, CancellationToken cancellationToken)
    {
        if (store.Find(conversationId) is not { } conversation)
        {
            return Ended(httpContext);
        }

        var read = await ActivityRequestReader.ParseAsync(httpContext.Request, options.Value.MaxActivityBytes, cancellationToken);
        if (read.Activity is not { } activity)
        {
            var detail = read.Status == StatusCodes.Status413PayloadTooLarge
                ? $"The message is too large: at most {options.Value.MaxActivityBytes:N0} bytes are accepted. Please send a shorter message."
                : read.Detail!;
            return Refuse(httpContext, read.Status, read.Title!, detail);
        }

        return channel.Post(conversation, activity, ServiceUrl(httpContext.Request)) is { } id
            ? TypedResults.Ok(new ResourceResponse(id))
            : Busy(httpContext, "The bot is busy; try again shortly.");
    }

    /// <summary>GET /conversations/{id}/activities?watermark=: the kept activities after the watermark (no typing).</summary>
    public IResult GetActivities(HttpContext httpContext, string conversationId, string? watermark) =>
        store.Find(conversationId) is { } conversation
            ? TypedResults.Json(conversation.After(watermark), ActivitySerializer.Options)
            : Ended(httpContext);

    /// <summary>GET /conversations/{id}/stream?t=token&amp;watermark=: the WebSocket of activity sets.</summary>
    public async Task<IResult> StreamAsync(HttpContext httpContext, string conversationId, string? watermark, CancellationToken cancellationToken)
    {
        if (!httpContext.WebSockets.IsWebSocketRequest)
        {
            return Refuse(httpContext, StatusCodes.Status400BadRequest, "WebSocket expected", "Open this URL as a WebSocket.");
        }

        if (store.Find(conversationId) is not { } conversation)
        {
            return Ended(httpContext);
        }

        using var socket = await httpContext.WebSockets.AcceptWebSocketAsync();
        await pump.RunAsync(socket, conversation, watermark, cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>The grant of the token that the conversation policy admitted.</summary>
    private static DirectLineToken Grant(HttpContext httpContext) =>
        DirectLineTokenService.GrantOf(httpContext.User) ?? throw new InvalidOperationException("The Direct Line routes require the conversation policy.");

    private IResult Ended(HttpContext httpContext) =>
        Refuse(httpContext, StatusCodes.Status404NotFound, "Conversation ended", "The conversation does not exist or has expired; start a new one.");

    private IResult Busy(HttpContext httpContext, string detail)
    {
        httpContext.Response.Headers.RetryAfter = "5";
        return Refuse(httpContext, StatusCodes.Status503ServiceUnavailable, "Busy", detail);
    }

    private IResult Refuse(HttpContext httpContext, int status, string title, string detail)
    {
        DirectLineLog.Refused(logger, httpContext.Request.Path, status, detail);
        return TypedResults.Problem(detail, statusCode: status, title: title);
    }

    private DirectLineConversationInfo ConversationInfo(HttpContext httpContext, DirectLineToken grant, string? watermark)
    {
        var (token, _) = tokens.Issue(grant.ConversationId, grant.UserId);
        var request = httpContext.Request;
        var scheme = request.IsHttps ? "wss" : "ws";
        var streamUrl = $"{scheme}://{request.Host}{request.PathBase}{DirectLineRoutes.Prefix}/conversations/{Uri.EscapeDataString(grant.ConversationId)}/stream?t={Uri.EscapeDataString(token)}"
            + (string.IsNullOrEmpty(watermark) ? string.Empty : "&watermark=" + Uri.EscapeDataString(watermark));
        return new DirectLineConversationInfo(grant.ConversationId, token, ExpiresIn(), streamUrl);
    }

    private int ExpiresIn() => (int)tokens.Lifetime.TotalSeconds;

    internal static string Domain(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{DirectLineRoutes.Prefix}";

    private static string ServiceUrl(HttpRequest request) => Domain(request) + "/";
}
