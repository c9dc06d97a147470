using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>Checks the <c>DirectLine</c> settings at start; each failure names the setting to fix.</summary>
internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ServiceBaseUrl, UriKind.Absolute, out var service) || (service.Scheme != Uri.UriSchemeHttps && service.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{DirectLineOptions.SectionName}:ServiceBaseUrl must be an absolute http(s) URL.");
        }

        if (options.SigningKey is { Length: > 0 } key && (!TryDecode(key, out var bytes) || bytes < 32))
        {
            failures.Add($"{DirectLineOptions.SectionName}:SigningKey must be base64 of at least 32 bytes.");
        }

        Positive(failures, nameof(options.TokenLifetime), options.TokenLifetime > TimeSpan.FromMinutes(1));
        Positive(failures, nameof(options.ConversationIdleTimeout), options.ConversationIdleTimeout > TimeSpan.Zero);
        Positive(failures, nameof(options.MaxConversations), options.MaxConversations > 0);
        Positive(failures, nameof(options.MaxActivitiesPerConversation), options.MaxActivitiesPerConversation > 0);
        Positive(failures, nameof(options.MaxActivityBytes), options.MaxActivityBytes >= 1024);
        Positive(failures, nameof(options.RequestsPerMinute), options.RequestsPerMinute > 0);
        Positive(failures, nameof(options.MessagesPerMinute), options.MessagesPerMinute > 0);
        if (options.MaxConversationBytes < options.MaxActivityBytes || options.MaxTotalActivityBytes < options.MaxConversationBytes
            || options.MaxTotalActivities < options.MaxActivitiesPerConversation)
        {
            failures.Add($"{DirectLineOptions.SectionName}: the memory limits must nest: MaxActivityBytes <= MaxConversationBytes <= MaxTotalActivityBytes, and MaxActivitiesPerConversation <= MaxTotalActivities.");
        }

        if (string.IsNullOrWhiteSpace(options.BotId))
        {
            failures.Add($"{DirectLineOptions.SectionName}:BotId must not be empty.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static void Positive(List<string> failures, string setting, bool ok)
    {
        if (!ok)
        {
            failures.Add($"{DirectLineOptions.SectionName}:{setting} is out of range (TokenLifetime over a minute, MaxActivityBytes at least 1024, the others positive).");
        }
    }

    private static bool TryDecode(string key, out int length)
    {
        var buffer = new byte[key.Length];
        var ok = Convert.TryFromBase64String(key, buffer, out length);
        return ok;
    }
}
