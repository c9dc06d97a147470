using Microsoft.Extensions.Options;

namespace TradeBot.Core.Embeddings;

/// <summary>Checks the <c>Embeddings</c> section at start; every message names the setting to fix.</summary>
internal sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        switch (options.Provider.ToLowerInvariant())
        {
            case EmbeddingOptions.BuiltinProvider:
                break;
            case EmbeddingOptions.ArcticProvider:
                if (options.BatchSize is < 1 or > 1024)
                {
                    failures.Add("Embeddings:BatchSize must be between 1 and 1024.");
                }
                break;
            case EmbeddingOptions.OnnxProvider:
                if (string.IsNullOrWhiteSpace(options.ModelPath))
                {
                    failures.Add("Embeddings:ModelPath is required when Embeddings:Provider is 'onnx' (a folder with model.onnx and vocab.txt).");
                }
                else
                {
                    foreach (var file in new[] { OnnxEmbeddingGenerator.ModelFileName, OnnxEmbeddingGenerator.VocabularyFileName })
                    {
                        if (!File.Exists(Path.Combine(options.ModelPath, file)))
                        {
                            failures.Add($"Embeddings:ModelPath '{options.ModelPath}' has no {file}.");
                        }
                    }
                }
                if (options.MaxTokens is < 8 or > 8192)
                {
                    failures.Add("Embeddings:MaxTokens must be between 8 and 8192.");
                }
                if (options.BatchSize is < 1 or > 1024)
                {
                    failures.Add("Embeddings:BatchSize must be between 1 and 1024.");
                }
                break;
            case EmbeddingOptions.OpenAIProvider:
                if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    failures.Add("Embeddings:Endpoint must be an absolute http(s) address when Embeddings:Provider is 'openai'.");
                }
                if (string.IsNullOrWhiteSpace(options.Model))
                {
                    failures.Add("Embeddings:Model is required when Embeddings:Provider is 'openai'.");
                }
                if (options.Dimensions is < 1)
                {
                    failures.Add("Embeddings:Dimensions must be positive when set.");
                }
                break;
            default:
                failures.Add($"Embeddings:Provider must be 'arctic', 'builtin', 'onnx' or 'openai' (was '{options.Provider}').");
                break;
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
