using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Authentication;
using TradeBot.BotFramework.Hosting;
using TradeBot.BotFramework.Tests.Infrastructure;

namespace TradeBot.BotFramework.Tests.Authentication;

public sealed class AnonymousAccessTests
{
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    [InlineData(false, true, true)]
    public async Task AuthenticateAsync_NoAppId_AnonymousOnlyOnLoopbackOrWhenAllowed(bool isLoopback, bool allowAnonymous, bool expected)
    {
        using var services = new ServiceCollection()
            .AddSingleton(Options.Create(new BotCredentialsOptions()))
            .AddSingleton(Options.Create(new BotFrameworkOptions { AllowAnonymous = allowAnonymous }))
            .BuildServiceProvider();
        var httpContext = new DefaultHttpContext { RequestServices = services };
        httpContext.Connection.RemoteIpAddress = isLoopback ? IPAddress.Loopback : IPAddress.Parse("203.0.113.7");
        var requirement = new BotCallerRequirement();
        var result = new AuthorizationHandlerContext([requirement], httpContext.User, httpContext);

        await requirement.HandleAsync(result);

        Assert.Equal(expected, result.HasSucceeded);
        Assert.False(BotFrameworkAuthentication.ServiceUrlVouched(httpContext.User, TestActivities.Message(null, "hi"), new BotFrameworkOptions()));
    }

    [Fact]
    public async Task StartAsync_AllowAnonymousOutsideDevelopment_FailsNamingTheSetting()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BotTestServer.StartAsync(new Dictionary<string, string?> { ["BotFramework:AllowAnonymous"] = "true" }));

        Assert.Contains("BotFramework:AllowAnonymous", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AllowAnonymousInDevelopment_StartsAndWarns()
    {
        await using var bot = await BotTestServer.StartAsync(new Dictionary<string, string?> { ["BotFramework:AllowAnonymous"] = "true" }, environment: "Development");

        Assert.Contains(bot.Logs.Entries, e => e.EventId == 1102 && e.Message.Contains("from any address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_NoAppId_WarnsThatOnlyLoopbackIsAccepted()
    {
        await using var bot = await BotTestServer.StartAsync();

        Assert.Contains(bot.Logs.Entries, e => e.EventId == 1102 && e.Message.Contains("only on loopback", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "Production")]
    [InlineData(true, "Development")]
    public async Task StartAsync_NoAppIdOnNonLoopbackAddress_WarnsThatItIsOpenAndHowToCloseIt(bool allowAnonymous, string environment)
    {
        var logs = new RecordingLoggerProvider();
        var (app, _) = await LoopbackHost.StartAsync(
            builder =>
            {
                builder.WebHost.UseUrls("http://0.0.0.0:0");
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["BotFramework:AllowAnonymous"] = allowAnonymous ? "true" : "false" });
                builder.Logging.AddProvider(logs);
                builder.Services.AddBotFramework<TestBot>();
            },
            app => app.MapBotFrameworkMessages(),
            environment);
        await using var host = app;

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Category.EndsWith(nameof(AuthenticationStartupCheck), StringComparison.Ordinal));
        Assert.Contains("http://0.0.0.0:", warning.Message, StringComparison.Ordinal);
        Assert.Contains("open to anonymous callers", warning.Message, StringComparison.Ordinal);
        Assert.Contains("To close it, set MicrosoftAppId", warning.Message, StringComparison.Ordinal);
        Assert.Contains("--urls http://localhost:", warning.Message, StringComparison.Ordinal);
        Assert.Equal(allowAnonymous, warning.Message.Contains("BotFramework:AllowAnonymous", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_EmptyAzureBotSettings_StartsWithoutAuthentication()
    {
        var empty = new[] { "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId" }
            .ToDictionary(key => key, _ => (string?)string.Empty);

        await using var bot = await BotTestServer.StartAsync(empty);

        var replies = await bot.PostExpectingRepliesAsync(TestActivities.Message(null, "hi"));
        Assert.Equal("echo: hi", replies.Activities.Last().Text);
    }

    [Theory]
    [InlineData("MicrosoftAppPassword", "MicrosoftAppId=8a4c2f0e-3b1d-4e5f-9a6b-7c8d9e0f1a2b;MicrosoftAppTenantId=t")]
    [InlineData("MicrosoftAppTenantId", "MicrosoftAppId=8a4c2f0e-3b1d-4e5f-9a6b-7c8d9e0f1a2b;MicrosoftAppPassword=p")]
    [InlineData("MicrosoftAppId must be", "MicrosoftAppId=not-a-guid;MicrosoftAppPassword=p;MicrosoftAppTenantId=t")]
    [InlineData("MicrosoftAppType", "MicrosoftAppType=Personal")]
    [InlineData("MicrosoftAppId too", "MicrosoftAppPassword=p")]
    public async Task StartAsync_IncompleteCredentials_FailsNamingTheSetting(string expected, string settings)
    {
        var values = settings.Split(';').Select(s => s.Split('=')).ToDictionary(p => p[0], p => (string?)p[1]);

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => BotTestServer.StartAsync(values));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }
}
