using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.BotFramework.Connector;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Authentication;

/// <summary>
/// With an app id configured, /api/messages requires a valid token. Tokens are signed by a key that the test publishes
/// from its own OpenID metadata endpoint, which the bot is configured to read.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AppId = "8a4c2f0e-3b1d-4e5f-9a6b-7c8d9e0f1a2b";
    private const string TenantId = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
    private const string Password = "app-password-7d2e1b";
    private const string ChannelIssuer = "https://api.botframework.com";
    private const string EmulatorIssuer = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";
    private OpenIdTestServer _openId = null!;
    private TestConnector _connector = null!;
    private BotTestServer _bot = null!;

    public async Task InitializeAsync()
    {
        _openId = await OpenIdTestServer.StartAsync(ChannelIssuer);
        _connector = await TestConnector.StartAsync();
        _bot = await StartBotAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _openId.DisposeAsync();
    }

    [Fact]
    public async Task ProcessAsync_ValidChannelToken_AcceptedAndReplyCarriesBotToken()
    {
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello");

        using var response = await _bot.PostAsync(activity, ChannelToken(activity.ServiceUrl!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        Assert.Equal($"Bearer {FakeConnectorTokenProvider.Token}", reply.Authorization);
    }

    [Fact]
    public async Task ProcessAsync_ConnectorRefusesCachedToken_RetriesOnceWithFreshToken()
    {
        _connector.Respond = call => call == 1 ? 401 : 201;
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello");

        using var response = await _bot.PostAsync(activity, ChannelToken(activity.ServiceUrl!));

        var reply = await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        var typing = await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Typing));
        Assert.Equal($"Bearer {FakeConnectorTokenProvider.RefreshedToken}", typing.Authorization);
        Assert.Equal($"Bearer {FakeConnectorTokenProvider.Token}", reply.Authorization);
        Assert.Equal(3, _connector.Calls);
    }

    [Fact]
    public async Task ProcessAsync_MissingToken_Returns401()
    {
        using var response = await _bot.PostAsync(TestActivities.Message(_connector.ServiceUrl, "hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ProcessAsync_NotBearerScheme_Returns401()
    {
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(activity, options: ActivitySerializer.Options),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + ChannelToken(activity.ServiceUrl!));

        using var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> BadChannelTokens() => new()
    {
        { "wrong audience", "audience" },
        { "wrong issuer", "issuer is not trusted" },
        { "expired", "expired" },
        { "bad signature", "signature is invalid" },
        { "unknown key", "unknown key" },
        { "mismatched serviceUrl", "serviceurl claim" },
        { "not a jwt", "not a JWT" },
        { "unendorsed channel", "endorse" },
    };

    [Theory]
    [MemberData(nameof(BadChannelTokens))]
    public async Task ProcessAsync_InvalidChannelToken_Returns401AndSendsNothing(string defect, string reason)
    {
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello");
        var serviceUrl = activity.ServiceUrl!;
        using var otherKey = RSA.Create(2048);
        var token = defect switch
        {
            "wrong audience" => ChannelToken(serviceUrl, audience: "11111111-2222-3333-4444-555555555555"),
            "wrong issuer" => ChannelToken(serviceUrl, issuer: "https://api.botframework.evil.example.com"),
            "expired" => ChannelToken(serviceUrl, expires: DateTime.UtcNow.AddMinutes(-10)),
            "bad signature" => ChannelToken(serviceUrl, signingKey: otherKey),
            "unknown key" => ChannelToken(serviceUrl, signingKey: otherKey, keyId: "rotated-away"),
            "mismatched serviceUrl" => ChannelToken("https://smba.evil.example.com/amer/"),
            "not a jwt" => "not-a-jwt",
            _ => ChannelToken(serviceUrl),
        };
        if (defect == "unendorsed channel")
        {
            activity.ChannelId = "slack";
        }

        using var response = await _bot.PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A valid message sent afterwards is answered; by then a refused one would have been answered too.
        var proof = TestActivities.Message(_connector.ServiceUrl, "after the refusal");
        using var accepted = await _bot.PostAsync(proof, ChannelToken(proof.ServiceUrl!));
        await _connector.WaitForAsync(r => r.Activity.Text == "echo: after the refusal");
        Assert.DoesNotContain(_connector.Requests, r => r.Activity.Text == "echo: hello");
    }

    [Fact]
    public async Task ProcessAsync_EmulatorToken_AcceptedButBotTokenWithheldFromUnlistedServiceUrl()
    {
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello", channelId: Channels.Emulator);

        using var response = await _bot.PostAsync(activity, EmulatorToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        Assert.Null(reply.Authorization);
    }

    [Fact]
    public async Task ProcessAsync_EmulatorTokenAndAllowListedServiceUrl_ReplyCarriesBotToken()
    {
        await using var bot = await StartBotAsync(new() { ["BotFramework:TrustedServiceUrlHosts:0"] = "127.0.0.1" });
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello", channelId: Channels.Emulator);

        using var response = await bot.PostAsync(activity, EmulatorToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        Assert.Equal($"Bearer {FakeConnectorTokenProvider.Token}", reply.Authorization);
    }

    [Fact]
    public async Task ProcessAsync_EmulatorV1Token_Accepted()
    {
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello", channelId: Channels.Emulator);
        var token = _openId.CreateToken(
            new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = AppId },
            "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
            AppId);

        using var response = await _bot.PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProcessAsync_EmulatorTokenForAnotherApp_Returns401()
    {
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello", channelId: Channels.Emulator);
        var token = _openId.CreateToken(new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = "99999999-0000-0000-0000-000000000000" }, EmulatorIssuer, AppId);

        using var response = await _bot.PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ProcessAsync_AnyRequest_NeverLogsTokensOrPassword()
    {
        var activity = TestActivities.Message(_connector.ServiceUrl, "hello");
        var token = ChannelToken(activity.ServiceUrl!);
        using var accepted = await _bot.PostAsync(activity, token);
        await _connector.WaitForAsync(r => r.Activity.IsType(ActivityTypes.Message));
        using var refused = await _bot.PostAsync(activity, ChannelToken("https://elsewhere.example.com/"));

        var logged = string.Join('\n', _bot.Logs.Entries.Select(e => e.Message + e.Exception));
        Assert.NotEmpty(_bot.Logs.Entries);
        Assert.DoesNotContain(token, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], logged, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeConnectorTokenProvider.Token, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, logged, StringComparison.Ordinal);
    }

    private Task<BotTestServer> StartBotAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = Password,
            ["MicrosoftAppTenantId"] = TenantId,
            ["BotFramework:ChannelOpenIdMetadataUrl"] = _openId.MetadataUrl.AbsoluteUri,
            ["BotFramework:EntraOpenIdMetadataUrl"] = _openId.MetadataUrl.AbsoluteUri,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return BotTestServer.StartAsync(settings, services => services.AddSingleton<IConnectorTokenProvider, FakeConnectorTokenProvider>());
    }

    private string ChannelToken(string serviceUrl, string audience = AppId, string issuer = ChannelIssuer, DateTime? expires = null, RSA? signingKey = null, string keyId = OpenIdTestServer.KeyId) =>
        _openId.CreateToken(new Dictionary<string, object> { ["serviceurl"] = serviceUrl }, issuer, audience, expires, signingKey, keyId);

    private string EmulatorToken() =>
        _openId.CreateToken(new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = AppId }, EmulatorIssuer, AppId);
}
