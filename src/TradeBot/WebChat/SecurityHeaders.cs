using Microsoft.Extensions.Options;
using TradeBot.BotFramework.DirectLine;

namespace TradeBot.WebChat;

/// <summary>
/// The headers that make the page safe to embed: a Content-Security-Policy that allows only this site's scripts, the
/// Direct Line connections and the configured frame ancestors, and <c>X-Content-Type-Options: nosniff</c>.
/// </summary>
internal static class SecurityHeaders
{
    public static string ContentSecurityPolicy(WebChatOptions webChat, DirectLineOptions directLine)
    {
        var connect = directLine.UsesAzure
            ? $"'self' {Origin(directLine.ServiceBaseUrl)} {Origin(directLine.ServiceBaseUrl).Replace("https://", "wss://", StringComparison.Ordinal)}"
            : "'self' ws: wss:";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            // Web Chat styles itself with inline <style> elements.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https:",
            "font-src 'self' data:",
            "media-src 'self' blob:",
            $"connect-src {connect}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            $"frame-ancestors {string.Join(' ', webChat.FrameAncestors)}");
    }

    public static IApplicationBuilder UseWebChatSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = ContentSecurityPolicy(
            app.ApplicationServices.GetRequiredService<IOptions<WebChatOptions>>().Value,
            app.ApplicationServices.GetRequiredService<IOptions<DirectLineOptions>>().Value);
        return app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.ContentSecurityPolicy = policy;
            return next(context);
        });
    }

    private static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}
