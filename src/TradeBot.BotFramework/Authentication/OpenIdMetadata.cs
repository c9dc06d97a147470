using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TradeBot.BotFramework.Authentication;

/// <summary>Caches the OpenID configuration (issuer, signing keys) of each metadata address and refreshes it on demand.</summary>
internal sealed class OpenIdMetadata(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "TradeBot.BotFramework.OpenIdMetadata";

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    public Task<OpenIdConnectConfiguration> GetAsync(string metadataUrl, CancellationToken cancellationToken) =>
        GetManager(metadataUrl).GetConfigurationAsync(cancellationToken);

    /// <summary>Asks for fresh keys, e.g. after a token named a key id the cache does not know.</summary>
    public void RequestRefresh(string metadataUrl) => GetManager(metadataUrl).RequestRefresh();

    private ConfigurationManager<OpenIdConnectConfiguration> GetManager(string metadataUrl) =>
        _managers.GetOrAdd(metadataUrl, url =>
        {
            var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName))
            {
                RequireHttps = !new Uri(url).IsLoopback,
            };
            return new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), retriever);
        });
}
