using Microsoft.Extensions.Logging;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// Keeps Direct Line tokens out of the logs. A WebSocket cannot carry headers, so the stream URL holds the token
/// (<c>stream?t=</c>), and ASP.NET Core's request lines (<c>Request starting …</c>, <c>Request finished …</c>, at
/// Information and Debug) print the whole URL with its query string. Their category is capped at Warning for every
/// logging provider, whatever the configuration says; TradeBot's own request logs name the path only.
/// </summary>
internal static class DirectLineLogFilter
{
    public const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Adds, after the configured rules, one rule per provider that configuration names, plus one for all others.</summary>
    public static void HideRequestUrls(LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A provider-specific rule beats a general one, and among equally specific rules the last wins: so each
        // provider named by a rule gets its own rule here, and the general one covers the rest.
        var providers = options.Rules.Select(rule => rule.ProviderName).Where(name => name is not null).Distinct(StringComparer.Ordinal).ToList();
        foreach (var provider in providers.Append(null))
        {
            options.Rules.Add(new LoggerFilterRule(provider, RequestLogCategory, LogLevel.Warning, filter: null));
        }
    }
}
