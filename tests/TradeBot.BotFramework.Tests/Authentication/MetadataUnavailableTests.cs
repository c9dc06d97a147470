using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Authentication;

/// <summary>When the signing keys cannot be fetched, a token is refused (never accepted unchecked) and the log says from where.</summary>
public sealed class MetadataUnavailableTests
{
    private const string AppId = "8a4c2f0e-3b1d-4e5f-9a6b-7c8d9e0f1a2b";
    private const string ChannelIssuer = "https://api.botframework.com";

    [Fact]
    public async Task ProcessAsync_MetadataUnreachable_Returns401AndLogsTheMetadataAddress()
    {
        await using var openId = await OpenIdTestServer.StartAsync(ChannelIssuer);
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        const string unreachable = "http://127.0.0.1:1/.well-known/openid-configuration";
        await using var bot = await BotTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "app-password-7d2e1b",
            ["MicrosoftAppTenantId"] = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
            ["BotFramework:ChannelOpenIdMetadataUrl"] = unreachable,
            ["BotFramework:EntraOpenIdMetadataUrl"] = unreachable,
        });
        var activity = TestActivities.Message(new Uri("https://smba.trafficmanager.net/amer/"), "hello");
        var token = openId.CreateToken(new Dictionary<string, object> { ["serviceurl"] = activity.ServiceUrl! }, ChannelIssuer, AppId);

        using var response = await bot.PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("could not be checked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Entries, e => e.EventId == 1101 && e.Message.Contains(unreachable, StringComparison.Ordinal));
    }
}
