namespace TradeBot.BotFramework.Authentication;

/// <summary>
/// The standard Azure Bot settings, read from the configuration root (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>,
/// <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>). With no app id the bot runs without authentication.
/// </summary>
public sealed class BotCredentialsOptions
{
    public const string SingleTenant = "SingleTenant";
    public const string MultiTenant = "MultiTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    private string _microsoftAppType = SingleTenant;

    /// <summary>
    /// <c>SingleTenant</c> (the default: new Azure Bot registrations are single-tenant), <c>MultiTenant</c> or
    /// <c>UserAssignedMSI</c>. Empty, as in the Azure Bot templates' appsettings.json, means the default.
    /// </summary>
    public string MicrosoftAppType
    {
        get => _microsoftAppType;
        set => _microsoftAppType = string.IsNullOrWhiteSpace(value) ? SingleTenant : value.Trim();
    }

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>True when an app id is configured, so inbound tokens are required and outbound calls carry a token.</summary>
    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
