using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using TradeBot.Core.Embeddings;

namespace TradeBot.Core.Tests.Embeddings;

/// <summary>Questions asked at once share model runs; each still gets the vector it would get alone.</summary>
public sealed class ArcticEmbeddingGeneratorTests : IDisposable
{
    private static readonly string[] Questions =
    [
        "What tariff did the US impose on Chinese imports?",
        "How did China respond?",
        "Which countries joined the steel safeguard talks?",
        "What did the EU decide on electric vehicles?",
        "Why did Canada threaten to stop importing Danish pork?",
        "Who vetoed the resolution?",
    ];

    private readonly ArcticEmbeddingGenerator _embedder = new(batchSize: 4);

    [Fact]
    public async Task GenerateAsync_QuestionsAskedAtOnce_EachGetsItsOwnVector()
    {
        var alone = new List<float[]>();
        foreach (var question in Questions)
        {
            alone.Add(await QueryVectorAsync(question));
        }

        // While passages are embedded the model is busy, so the questions queue and are run together.
        var passages = Task.Run(() => _embedder.GenerateAsync(Enumerable.Repeat("Steel and aluminium tariffs were raised to 25%.", 16)));
        var together = await Task.WhenAll(Questions.Select(q => Task.Run(() => QueryVectorAsync(q))));
        await passages;

        for (var i = 0; i < Questions.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(alone[i], together[i]) > 0.9999, $"question {i} got another vector");
        }
    }

    [Fact]
    public async Task GenerateAsync_SeveralQuestionsInOneCall_KeepTheirOrder()
    {
        var one = await _embedder.GenerateAsync(Questions, EmbeddingPurpose.Query());

        for (var i = 0; i < Questions.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(await QueryVectorAsync(Questions[i]), one[i].Vector.Span) > 0.9999, $"question {i} got another vector");
        }
    }

    public void Dispose() => _embedder.Dispose();

    private async Task<float[]> QueryVectorAsync(string question) =>
        (await _embedder.GenerateVectorAsync(question, EmbeddingPurpose.Query())).ToArray();
}
