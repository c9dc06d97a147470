using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;

namespace TradeBot.Core.Answers.Llm;

/// <summary>
/// Builds the OpenAI SDK client for an OpenAI-compatible endpoint (OpenAI, Azure OpenAI v1, Ollama, vLLM, LM Studio)
/// over a given HttpClient, with the SDK's own retries and network timeout off: the caller's handlers and
/// timeouts decide.
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
}
