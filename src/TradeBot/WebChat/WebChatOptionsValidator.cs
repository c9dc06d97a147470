using Microsoft.Extensions.Options;

namespace TradeBot.WebChat;

/// <summary>Refuses frame-ancestors sources that would break or widen the Content-Security-Policy header.</summary>
internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        var bad = options.FrameAncestors.Where(source =>
            string.IsNullOrWhiteSpace(source) || source.Any(c => char.IsWhiteSpace(c) || c is ';' or ',')).ToList();
        return bad.Count > 0 || options.FrameAncestors.Length == 0
            ? ValidateOptionsResult.Fail($"{WebChatOptions.SectionName}:FrameAncestors must list CSP sources such as 'self', 'none' or https://intranet.example.com, one per entry without spaces, ';' or ','.")
            : ValidateOptionsResult.Success;
    }
}
