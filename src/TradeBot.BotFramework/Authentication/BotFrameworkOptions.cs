namespace TradeBot.BotFramework.Authentication;

/// <summary>Protocol settings of the <c>BotFramework</c> section; the defaults are those of Azure Bot Service.</summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "BotFramework";

    /// <summary>Hosts (and their subdomains) that may receive the bot's token, as the Agents SDK allows by default.</summary>
    public static IReadOnlyList<string> DefaultTrustedServiceUrlHosts { get; } =
        ["botframework.com", "smba.trafficmanager.net", "teams.microsoft.com", "teams.microsoft.us"];

    /// <summary>
    /// Accept requests without a token from any address while no app id is set. Development only; without it,
    /// anonymous requests are accepted only on loopback connections.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>OpenID metadata of the Bot Framework channel tokens (Teams, Direct Line, Web Chat).</summary>
    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of the channel tokens.</summary>
    public string ChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>OpenID metadata of Entra tokens (Bot Framework Emulator, Agents Playground with credentials).</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Authority host used for the bot's outbound client-credentials token.</summary>
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Scope of the outbound token for the Bot Connector.</summary>
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Hosts added to <see cref="DefaultTrustedServiceUrlHosts"/>, e.g. <c>localhost</c> for Emulator with an app id.</summary>
    public string[] TrustedServiceUrlHosts { get; set; } = [];

    /// <summary>Largest accepted request body of <c>/api/messages</c>; larger bodies get 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Turns processed at the same time in the background.</summary>
    public int MaxConcurrentTurns { get; set; } = 16;

    /// <summary>Turns waiting for a worker before new ones get 503.</summary>
    public int TurnQueueCapacity { get; set; } = 1000;

    /// <summary>Longest time a background turn may run.</summary>
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
