using System.Collections;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TradeBot.BotFramework.Authentication;

/// <summary>Reads the <c>endorsements</c> (channel ids) that the Bot Framework key set attaches to each signing key.</summary>
internal static class KeyEndorsements
{
    /// <summary>True when the key has no endorsements or endorses <paramref name="channelId"/>.</summary>
    public static bool Allows(OpenIdConnectConfiguration configuration, string? keyId, string? channelId)
    {
        if (string.IsNullOrEmpty(channelId) || keyId is null || configuration.JsonWebKeySet is null)
        {
            return true;
        }

        var key = configuration.JsonWebKeySet.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw) || raw is null)
        {
            return true;
        }

        var endorsements = Read(raw).ToList();
        return endorsements.Count == 0 || endorsements.Contains(channelId, StringComparer.Ordinal);
    }

    private static IEnumerable<string> Read(object raw) => raw switch
    {
        string single => [single],
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.ToString()),
        JsonElement element => [element.ToString()],
        IEnumerable items => items.Cast<object?>().Select(i => i?.ToString() ?? string.Empty),
        _ => [raw.ToString() ?? string.Empty],
    };
}
