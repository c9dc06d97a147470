namespace TradeBot.BotFramework.Authentication;

/// <summary>Issuers of Entra tokens that Bot Framework Emulator and the Agents Playground send (v1 and v2 forms).</summary>
internal static class EntraTokenIssuers
{
    private static readonly string[] _knownTenants =
    [
        "d6d49420-f39b-4df7-a1dc-d59a935871db", // botframework.com
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    public static IReadOnlyList<string> For(string? botTenantId)
    {
        var tenants = string.IsNullOrWhiteSpace(botTenantId) ? _knownTenants : [.. _knownTenants, botTenantId];
        return [.. tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })];
    }
}
