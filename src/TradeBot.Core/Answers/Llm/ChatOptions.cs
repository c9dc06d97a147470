namespace TradeBot.Core.Answers.Llm;

/// <summary>The <c>Chat</c> section: which answerer runs, and the OpenAI-compatible endpoint of the language model.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";
    public const string ExtractiveProvider = "extractive";
    public const string OpenAIProvider = "openai";
    public const string AzureOpenAIProvider = "azureopenai";

    /// <summary><c>extractive</c> (default: no model, quotes the articles), <c>openai</c> (any OpenAI-compatible
    /// endpoint) or <c>azureopenai</c> (an Azure OpenAI resource, through Semantic Kernel's Azure OpenAI connector).</summary>
    public string Provider { get; set; } = ExtractiveProvider;

    /// <summary>For <c>openai</c> the base address of the API, including <c>/v1</c>: <c>https://api.openai.com/v1</c>,
    /// <c>http://localhost:11434/v1</c> (Ollama); for <c>azureopenai</c> the resource, <c>https://RESOURCE.openai.azure.com/</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name, or the deployment name on Azure OpenAI.</summary>
    public string? Model { get; set; }

    /// <summary>The API key; may be empty for local servers that need none. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one model call (a query rewrite or an answer, retries included) may take.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Further attempts after a 429 response (the resilience handler's retry, honouring <c>Retry-After</c>).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>A 429 whose Retry-After asks for a longer wait than this is not retried.</summary>
    public double MaxRetryDelaySeconds { get; set; } = 10;

    /// <summary>Articles given to the model as numbered sources at most.</summary>
    public int MaxSources { get; set; } = 6;

    public double Temperature { get; set; } = 0.1;

    public int MaxOutputTokens { get; set; } = 600;

    /// <summary>Appended to an answer when the model failed and the extractive answer stands in.</summary>
    public string FallbackNote { get; set; } = "(The language model was unavailable, so this answer quotes the articles directly.)";

    public bool UsesModel => IsAzure || string.Equals(Provider, OpenAIProvider, StringComparison.OrdinalIgnoreCase);

    public bool IsAzure => string.Equals(Provider, AzureOpenAIProvider, StringComparison.OrdinalIgnoreCase);
}
