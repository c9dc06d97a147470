using Microsoft.Extensions.Options;

namespace TradeBot.Core.Answers.Llm;

/// <summary>Checks the <c>Chat</c> section at start; every message names the setting to fix.</summary>
internal sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.Equals(options.Provider, ChatOptions.ExtractiveProvider, StringComparison.OrdinalIgnoreCase) && !options.UsesModel)
        {
            failures.Add($"Chat:Provider must be '{ChatOptions.ExtractiveProvider}', '{ChatOptions.OpenAIProvider}' or '{ChatOptions.AzureOpenAIProvider}' (was '{options.Provider}').");
        }
        if (options.UsesModel)
        {
            if (string.IsNullOrWhiteSpace(options.Endpoint))
            {
                failures.Add(options.IsAzure
                    ? "Chat:Endpoint is required when Chat:Provider is 'azureopenai' (the resource, for example https://YOUR-RESOURCE.openai.azure.com/)."
                    : "Chat:Endpoint is required when Chat:Provider is 'openai' (for example https://api.openai.com/v1).");
            }
            else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"Chat:Endpoint must be an absolute http(s) address (was '{options.Endpoint}').");
            }
            if (string.IsNullOrWhiteSpace(options.Model))
            {
                failures.Add($"Chat:Model is required when Chat:Provider is '{options.Provider}' (the model or Azure deployment name).");
            }
            if (options.IsAzure && string.IsNullOrWhiteSpace(options.ApiKey))
            {
                failures.Add("Chat:ApiKey is required when Chat:Provider is 'azureopenai' (the resource's key).");
            }
        }
        if (options.TimeoutSeconds is <= 0 or > 600)
        {
            failures.Add("Chat:TimeoutSeconds must be more than 0 and at most 600.");
        }
        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("Chat:MaxRetries must be between 0 and 10.");
        }
        if (options.MaxRetryDelaySeconds < 0)
        {
            failures.Add("Chat:MaxRetryDelaySeconds must not be negative.");
        }
        if (options.MaxSources is < 1 or > 20)
        {
            failures.Add("Chat:MaxSources must be between 1 and 20.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
