using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Checks <see cref="QdrantOptions"/> at start; every message names the setting to fix.</summary>
internal sealed partial class QdrantOptionsValidator : IValidateOptions<QdrantOptions>
{
    private const string Prefix = QdrantOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, QdrantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Endpoint is null)
        {
            failures.Add($"{Prefix}Endpoint is required when VectorStore:Provider is 'qdrant' (environment variable VectorStore__Qdrant__Endpoint), e.g. http://localhost:6334 (Qdrant's gRPC port).");
        }
        else if (!options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("http" or "https"))
        {
            failures.Add($"{Prefix}Endpoint must be an absolute http or https URL such as http://localhost:6334; got '{options.Endpoint}'.");
        }
        else if (options.Endpoint.Port == 6333)
        {
            failures.Add($"{Prefix}Endpoint names port 6333, Qdrant's REST port; TradeBot talks to Qdrant over gRPC, by default on port 6334 (e.g. http://localhost:6334).");
        }
        if (!CollectionNamePattern().IsMatch(options.CollectionName ?? string.Empty))
        {
            failures.Add($"{Prefix}CollectionName must be 1 to 255 letters, digits, '_' or '-'; got '{options.CollectionName}'.");
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}Timeout must be between 00:00:00.001 and 00:10:00; got {options.Timeout}.");
        }
        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Prefix}MaxRetries must be between 0 and 10; got {options.MaxRetries}.");
        }
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Prefix}RetryDelay must be between 00:00:00 and 00:01:00; got {options.RetryDelay}.");
        }
        if (options.UpsertBatchSize is < 1 or > 10_000)
        {
            failures.Add($"{Prefix}UpsertBatchSize must be between 1 and 10000; got {options.UpsertBatchSize}.");
        }
        if (options.PrefetchLimit is < 1 or > 10_000)
        {
            failures.Add($"{Prefix}PrefetchLimit must be between 1 and 10000; got {options.PrefetchLimit}.");
        }
        if (options.ShardNumber is < 1 or > 1000)
        {
            failures.Add($"{Prefix}ShardNumber must be between 1 and 1000; got {options.ShardNumber}.");
        }
        if (options.ReplicationFactor is < 1 or > 100)
        {
            failures.Add($"{Prefix}ReplicationFactor must be between 1 and 100; got {options.ReplicationFactor}.");
        }
        if (options.RrfK < 1)
        {
            failures.Add($"{Prefix}RrfK must be at least 1; got {options.RrfK}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex CollectionNamePattern();
}
