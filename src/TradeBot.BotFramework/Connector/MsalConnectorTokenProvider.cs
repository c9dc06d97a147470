using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using TradeBot.BotFramework.Authentication;

namespace TradeBot.BotFramework.Connector;

/// <summary>
/// Client-credentials token for the Bot Connector through MSAL (which caches and renews it): a client secret against
/// the bot's tenant (SingleTenant) or botframework.com (MultiTenant), or a user-assigned managed identity.
/// </summary>
internal sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private readonly Lazy<Func<bool, CancellationToken, Task<string>>>? _acquire;

    public MsalConnectorTokenProvider(IOptions<BotCredentialsOptions> credentials, IOptions<BotFrameworkOptions> options)
    {
        var value = credentials.Value;
        if (value.IsAuthenticationEnabled)
        {
            _acquire = new Lazy<Func<bool, CancellationToken, Task<string>>>(() => Create(value, options.Value));
        }
    }

    public async Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        _acquire is null ? null : await _acquire.Value(forceRefresh, cancellationToken);

    private static Func<bool, CancellationToken, Task<string>> Create(BotCredentialsOptions credentials, BotFrameworkOptions options)
    {
        if (string.Equals(credentials.MicrosoftAppType, BotCredentialsOptions.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
        {
            var identity = ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(credentials.MicrosoftAppId!))
                .Build();
            var resource = options.ConnectorScope.Replace("/.default", string.Empty, StringComparison.Ordinal);
            return async (refresh, ct) => (await identity.AcquireTokenForManagedIdentity(resource).WithForceRefresh(refresh).ExecuteAsync(ct)).AccessToken;
        }

        var tenant = string.Equals(credentials.MicrosoftAppType, BotCredentialsOptions.MultiTenant, StringComparison.OrdinalIgnoreCase)
            ? "botframework.com"
            : credentials.MicrosoftAppTenantId!;
        var application = ConfidentialClientApplicationBuilder
            .Create(credentials.MicrosoftAppId)
            .WithClientSecret(credentials.MicrosoftAppPassword)
            .WithAuthority($"{options.AuthorityHost.TrimEnd('/')}/{tenant}")
            .Build();
        string[] scopes = [options.ConnectorScope];
        return async (refresh, ct) => (await application.AcquireTokenForClient(scopes).WithForceRefresh(refresh).ExecuteAsync(ct)).AccessToken;
    }
}
