using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Authentication;
using TradeBot.BotFramework.Connector;

namespace TradeBot.BotFramework.Tests.Connector;

public sealed class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", false, true)]
    [InlineData("https://directline.botframework.com/", false, true)]
    [InlineData("https://botframework.com/", false, true)]
    [InlineData("https://evilbotframework.com/", false, false)]
    [InlineData("https://botframework.com.evil.example/", false, false)]
    [InlineData("http://localhost:56150/_connector", false, false)]
    [InlineData("http://localhost:56150/_connector", true, true)]
    [InlineData("https://dev.example.org/", false, true)]
    [InlineData("not a url", true, false)]
    public void MayReceiveToken_ServiceUrls_OnlyVouchedOrAllowListed(string serviceUrl, bool vouched, bool expected)
    {
        var policy = new ServiceUrlPolicy(Options.Create(new BotFrameworkOptions { TrustedServiceUrlHosts = ["example.org"] }));

        Assert.Equal(expected, policy.MayReceiveToken(serviceUrl, vouched));
    }
}
