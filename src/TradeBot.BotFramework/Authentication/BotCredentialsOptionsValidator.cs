using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.Authentication;

/// <summary>Checks the Azure Bot settings at start and names the setting to fix.</summary>
internal sealed class BotCredentialsOptionsValidator : IValidateOptions<BotCredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, BotCredentialsOptions options)
    {
        var failures = new List<string>();
        var appType = options.MicrosoftAppType;
        var knownType = string.Equals(appType, BotCredentialsOptions.SingleTenant, StringComparison.OrdinalIgnoreCase)
            || string.Equals(appType, BotCredentialsOptions.MultiTenant, StringComparison.OrdinalIgnoreCase)
            || string.Equals(appType, BotCredentialsOptions.UserAssignedMsi, StringComparison.OrdinalIgnoreCase);
        if (!knownType)
        {
            failures.Add($"MicrosoftAppType '{appType}' is not one of SingleTenant, MultiTenant, UserAssignedMSI.");
        }

        if (!options.IsAuthenticationEnabled)
        {
            if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            {
                failures.Add("MicrosoftAppPassword is set but MicrosoftAppId is empty: set MicrosoftAppId too, or remove the password.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!Guid.TryParse(options.MicrosoftAppId, out _))
        {
            failures.Add("MicrosoftAppId must be the bot's application (client) ID, a GUID.");
        }

        var isMsi = string.Equals(appType, BotCredentialsOptions.UserAssignedMsi, StringComparison.OrdinalIgnoreCase);
        if (!isMsi && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add($"MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is {appType}.");
        }

        var needsTenant = isMsi || string.Equals(appType, BotCredentialsOptions.SingleTenant, StringComparison.OrdinalIgnoreCase);
        if (needsTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add($"MicrosoftAppTenantId is required when MicrosoftAppType is {appType}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
