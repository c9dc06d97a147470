using System.Net;
using System.Text;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>An HTTP handler that answers every request with one status and JSON body.</summary>
internal sealed class FixedResponseHandler(HttpStatusCode status, string body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
}
