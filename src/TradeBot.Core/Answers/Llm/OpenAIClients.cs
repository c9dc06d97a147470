using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;

namespace TradeBot.Core.Answers.Llm;

/// <summary>
/// Builds the SDK clients (OpenAI for OpenAI-compatible endpoints such as OpenAI, Ollama, vLLM, LM Studio; Azure
/// OpenAI for an Azure resource) over a given HttpClient, with the SDKs' own retries and network timeout off: the
/// HttpClient's resilience handler and the caller's timeouts decide.
/// </summary>
internal static class OpenAIClients
{
    /// <summary>Local servers need no key, but the SDK requires a credential; they ignore this one.</summary>
    private const string NoKey = "no-key";

    public static OpenAIClient Create(string endpoint, string? apiKey, HttpClient httpClient)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint),
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? NoKey : apiKey), options);
    }

    public static AzureOpenAIClient CreateAzure(string endpoint, string apiKey, HttpClient httpClient)
    {
        var options = new AzureOpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        return new AzureOpenAIClient(new Uri(endpoint), new ApiKeyCredential(apiKey), options);
    }
}
