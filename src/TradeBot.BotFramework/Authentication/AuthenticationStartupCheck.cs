using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.Authentication;

/// <summary>Says at start whether the bot requires tokens, and warns loudly when it does not.</summary>
internal sealed class AuthenticationStartupCheck(
    IOptions<BotCredentialsOptions> credentials,
    IOptions<BotFrameworkOptions> options,
    ILogger<AuthenticationStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = credentials.Value;
        if (value.IsAuthenticationEnabled)
        {
            AuthenticationLog.AuthenticationEnabled(logger, value.MicrosoftAppId!, value.MicrosoftAppType);
        }
        else
        {
            AuthenticationLog.AuthenticationDisabled(
                logger,
                options.Value.AllowAnonymous ? "from any address (BotFramework:AllowAnonymous is true)" : "only on loopback connections");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
