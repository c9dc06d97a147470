using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Authentication;

namespace TradeBot.BotFramework.Connector;

/// <summary>
/// Decides whether the bot's token may go to a serviceUrl: only when a validated channel token vouched for it, or its
/// host (or a parent domain) is on the allow-list. Anyone can name a serviceUrl, so nothing else gets the token.
/// </summary>
internal sealed class ServiceUrlPolicy(IOptions<BotFrameworkOptions> options)
{
    public bool MayReceiveToken(string? serviceUrl, bool vouchedByChannelToken)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (vouchedByChannelToken)
        {
            return true;
        }

        var host = uri.Host;
        return BotFrameworkOptions.DefaultTrustedServiceUrlHosts
            .Concat(options.Value.TrustedServiceUrlHosts)
            .Any(trusted => string.Equals(host, trusted, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + trusted.TrimStart('.'), StringComparison.OrdinalIgnoreCase));
    }
}
