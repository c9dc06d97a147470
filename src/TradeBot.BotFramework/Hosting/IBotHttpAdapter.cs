using Microsoft.AspNetCore.Http;

namespace TradeBot.BotFramework.Hosting;

/// <summary>Turns a request to <c>/api/messages</c> into a turn of the registered bot and into the HTTP answer.</summary>
public interface IBotHttpAdapter
{
    Task<IResult> ProcessAsync(HttpContext httpContext, CancellationToken cancellationToken = default);
}
