using Microsoft.Extensions.AI;
using TradeBot.Core.Embeddings;

namespace TradeBot.Core.Tests.Embeddings;

public sealed class OnnxEmbeddingGeneratorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tradebot-onnx-" + Guid.NewGuid().ToString("N"));

    public OnnxEmbeddingGeneratorTests() => TinyBertModel.Write(_folder);

    [Fact]
    public void Tokenize_CasedTextWithSuffix_GivesClsWordPiecesSep()
    {
        using var generator = new OnnxEmbeddingGenerator(_folder);

        Assert.Equal([2, 5, 6, 9, 3], generator.Tokenize("Tariffs ROSE"));
        Assert.Equal([2, 7, 1, 3], generator.Tokenize("China pineapple"));
    }

    [Fact]
    public void Tokenize_LongText_IsCutToMaxTokensWithSpecialTokens()
    {
        using var generator = new OnnxEmbeddingGenerator(_folder, maxTokens: 4);

        Assert.Equal([2, 8, 8, 3], generator.Tokenize("trade trade trade trade"));
    }

    [Fact]
    public async Task GenerateAsync_BatchWithPadding_MeanPoolsOnlyMaskedTokensAndNormalizes()
    {
        using var generator = new OnnxEmbeddingGenerator(_folder, batchSize: 2);

        var embeddings = await generator.GenerateAsync(["Tariffs rose", "China", "trade"]);

        // "Tariffs rose" = [CLS] tariff ##s rose [SEP] = ids 2 5 6 9 3: mean of rows (i, 1, i mod 2) = (5, 1, 0.6).
        AssertVector([5f, 1f, 0.6f], embeddings[0].Vector.ToArray());
        // "China" = 2 7 3, padded to 5 in the same batch; padded rows (0, 1, 0) must not count: (4, 1, 2/3).
        AssertVector([4f, 1f, 2f / 3], embeddings[1].Vector.ToArray());
        // A batch of its own: 2 8 3 → (13/3, 1, 1/3).
        AssertVector([13f / 3, 1f, 1f / 3], embeddings[2].Vector.ToArray());
    }

    [Fact]
    public void Metadata_NamesTheModelAndItsDimensions_UnlikeTheBuiltinEmbedder()
    {
        using var generator = new OnnxEmbeddingGenerator(_folder);
        using var builtin = new HashingEmbeddingGenerator();

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal(TinyBertModel.Hidden, metadata.DefaultModelDimensions);
        Assert.StartsWith("onnx-", metadata.DefaultModelId, StringComparison.Ordinal);
        Assert.NotEqual(builtin.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId, metadata.DefaultModelId);
    }

    private static void AssertVector(float[] unnormalized, float[] actual)
    {
        var norm = MathF.Sqrt(unnormalized.Sum(v => v * v));
        Assert.Equal(unnormalized.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(unnormalized[i] / norm, actual[i], 5);
        }
        Assert.Equal(1f, MathF.Sqrt(actual.Sum(v => v * v)), 5);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a temporary folder left behind is harmless
        }
    }
}
