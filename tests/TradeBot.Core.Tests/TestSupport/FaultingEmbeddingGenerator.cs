using Microsoft.Extensions.AI;
using TradeBot.Core.Embeddings;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>
/// The built-in embedder (of <paramref name="dimensions"/>), except that its <c>failOnCall</c>-th call cancels the
/// run's token and stops there, as a process killed midway would. It reports the inner embedder's metadata, so content
/// hashes match a normal run of that embedder.
/// </summary>
internal sealed class FaultingEmbeddingGenerator(int failOnCall, CancellationTokenSource run, int dimensions = HashingEmbeddingGenerator.DefaultDimensions)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HashingEmbeddingGenerator _inner = new(dimensions);

    public int Calls { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Calls++;
        if (Calls == failOnCall)
        {
            run.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("The run's token was expected to be the one cancelled.");
        }
        return _inner.GenerateAsync(values, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
