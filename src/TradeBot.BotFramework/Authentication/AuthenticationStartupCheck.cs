using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.Authentication;

/// <summary>
/// Says once the server listens whether the bot requires tokens, and warns loudly when it does not: naming every
/// non-loopback address it listens on, what is open there and how to close it.
/// </summary>
internal sealed class AuthenticationStartupCheck(
    IOptions<BotCredentialsOptions> credentials,
    IOptions<BotFrameworkOptions> options,
    IServiceProvider services,
    ILogger<AuthenticationStartupCheck> logger) : IHostedLifecycleService
{
    /// <summary>After every hosted service started, so the server's addresses are known.</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var value = credentials.Value;
        if (value.IsAuthenticationEnabled)
        {
            AuthenticationLog.AuthenticationEnabled(logger, value.MicrosoftAppId!, value.MicrosoftAppType);
            return Task.CompletedTask;
        }

        var allowAnonymous = options.Value.AllowAnonymous;
        var exposed = NonLoopbackAddresses();
        if (exposed.Count == 0)
        {
            AuthenticationLog.AuthenticationDisabled(logger, allowAnonymous ? "from any address (BotFramework:AllowAnonymous is true)" : "only on loopback connections");
        }
        else if (allowAnonymous)
        {
            AuthenticationLog.OpenToAnyone(logger, string.Join(", ", exposed));
        }
        else
        {
            AuthenticationLog.OpenThroughLoopback(logger, string.Join(", ", exposed));
        }

        return Task.CompletedTask;
    }

    /// <summary>The addresses other machines may reach: wildcards (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>), host names and non-loopback IPs.</summary>
    private List<string> NonLoopbackAddresses()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return [.. addresses.Where(address => !IsLoopback(address))];
    }

    private static bool IsLoopback(string address)
    {
        // Kestrel's binding syntax allows '*' and '+' hosts, which Uri does not parse.
        var host = Uri.TryCreate(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Host
            : string.Empty;
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
