using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TradeBot.BotFramework.Connector;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Connector;

/// <summary>A refused activity comes back as a failed response naming the channel's status and error code.</summary>
public sealed class ConnectorRefusalTests
{
    [Fact]
    public async Task SendAsync_Refused_ReportsStatusAndErrorCode()
    {
        var response = await SendAnsweredWithAsync(HttpStatusCode.Forbidden, """{"error":{"code":"ContentStreamNotAllowed","message":"Content stream was cancelled by user."}}""");

        Assert.True(response.Failed);
        Assert.Equal(403, response.FailureStatusCode);
        Assert.Equal("ContentStreamNotAllowed", response.FailureCode);
        Assert.Null(response.Id);
    }

    [Fact]
    public async Task SendAsync_RefusedWithoutErrorBody_ReportsStatusOnly()
    {
        var response = await SendAnsweredWithAsync(HttpStatusCode.BadRequest, "not json");

        Assert.Equal(400, response.FailureStatusCode);
        Assert.Null(response.FailureCode);
    }

    [Fact]
    public async Task SendAsync_Accepted_IsNotFailed()
    {
        var response = await SendAnsweredWithAsync(HttpStatusCode.Accepted, "{}");

        Assert.False(response.Failed);
    }

    private static async Task<ResourceResponse> SendAnsweredWithAsync(HttpStatusCode status, string body)
    {
        using var httpClient = new HttpClient(new FixedResponseHandler(status, body));
        var client = new ConnectorClient(httpClient, new FakeConnectorTokenProvider(), NullLogger<ConnectorClient>.Instance);
        return await client.SendAsync(TestActivities.Message(new Uri("https://smba.example/teams"), "hi"), withToken: false, CancellationToken.None);
    }
}
