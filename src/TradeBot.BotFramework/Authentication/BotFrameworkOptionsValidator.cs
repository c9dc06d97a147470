using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.Authentication;

/// <summary>Checks the <c>BotFramework</c> section at start.</summary>
internal sealed class BotFrameworkOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        var failures = new List<string>();
        if (options.AllowAnonymous && !environment.IsDevelopment())
        {
            failures.Add("BotFramework:AllowAnonymous is only allowed in the Development environment; remove it or set an app id.");
        }

        CheckUrl(options.ChannelOpenIdMetadataUrl, "BotFramework:ChannelOpenIdMetadataUrl", failures);
        CheckUrl(options.EntraOpenIdMetadataUrl, "BotFramework:EntraOpenIdMetadataUrl", failures);
        CheckUrl(options.AuthorityHost, "BotFramework:AuthorityHost", failures);
        if (options.MaxRequestBodyBytes < 1024)
        {
            failures.Add("BotFramework:MaxRequestBodyBytes must be at least 1024.");
        }

        if (options.MaxConcurrentTurns < 1 || options.TurnQueueCapacity < 1)
        {
            failures.Add("BotFramework:MaxConcurrentTurns and BotFramework:TurnQueueCapacity must be at least 1.");
        }

        if (options.TurnTimeout <= TimeSpan.Zero)
        {
            failures.Add("BotFramework:TurnTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(string value, string key, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            failures.Add($"{key} must be an absolute https URL (http is allowed only for loopback).");
        }
    }
}
