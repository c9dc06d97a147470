namespace TradeBot.Core.Text;

/// <summary>
/// Which article links may reach a channel: absolute <c>http</c>/<c>https</c> addresses only. Checked when an article
/// is ingested and again when a link is rendered (a store written by an older version may hold others), so that
/// <c>javascript:</c>, <c>data:</c>, <c>vbscript:</c> or relative links, and links with line breaks, never become live.
/// </summary>
public static class WebLinks
{
    /// <summary>Longer addresses are dropped: no article needs one, and they only bloat every answer.</summary>
    public const int MaxLength = 2048;

    /// <summary>The address, trimmed, when it is an absolute http(s) address; otherwise null.</summary>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        var trimmed = url.Trim();
        if (trimmed.Length > MaxLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return null;
        }
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0
            && trimmed.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase)
                ? trimmed
                : null;
    }
}
