using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core.Answers;
using TradeBot.Core.Embeddings;
using TradeBot.Core.Tests.Answers.Llm;

namespace TradeBot.Core.Tests.Embeddings;

public sealed class EmbeddingProviderTests
{
    [Fact]
    public async Task AddTradeNewsModels_Defaults_IngestTheSeedsWithTheArcticModelAndAnswer()
    {
        await using var corpus = await TestCorpus.CreateAsync(new Dictionary<string, string?>());

        var embedder = corpus.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.IsType<CachedEmbeddingGenerator>(embedder);
        Assert.NotNull(embedder.GetService<ArcticEmbeddingGenerator>());
        Assert.IsType<ExtractiveAnswerer>(corpus.Answerer);
        var answer = await corpus.Answerer.AnswerAsync("How high are the US tariffs on Chinese imports?", []);
        Assert.StartsWith("**145%**", answer.Text, StringComparison.Ordinal);
        var question = await embedder.GenerateVectorAsync("What tariff did the US impose?", EmbeddingPurpose.Query());
        var passage = await embedder.GenerateVectorAsync("What tariff did the US impose?");
        Assert.NotEqual(question.ToArray(), passage.ToArray()); // queries carry the model's instruction prefix
    }

    [Fact]
    public async Task AddTradeNewsModels_BuiltinProvider_UsesTheHashingEmbedderUncached()
    {
        await using var corpus = await TestCorpus.CreateAsync(new Dictionary<string, string?> { ["Embeddings:Provider"] = "builtin" });

        Assert.IsType<HashingEmbeddingGenerator>(corpus.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task OpenAIProvider_EmbedsThroughTheEndpoint_AndTheCorpusIsSearchable()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "openai",
            ["Embeddings:Endpoint"] = stub.Endpoint.ToString(),
            ["Embeddings:Model"] = "stub-embedder",
            ["Embeddings:ApiKey"] = TestCorpus.ApiKey,
        });
        var embedder = corpus.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var vector = await embedder.GenerateVectorAsync("tariffs");

        Assert.Equal(OpenAIStubServer.Vector("tariffs"), vector.ToArray());
        var requests = stub.Requests.Where(r => r.Path == "/v1/embeddings").ToList();
        Assert.True(requests.Count >= 2); // the ingestion, then this call
        Assert.All(requests, r => Assert.Equal("stub-embedder", r.Model));
        Assert.Equal("Bearer " + TestCorpus.ApiKey, requests[0].Authorization);
        Assert.Equal("stub-embedder", embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        var answer = await corpus.Answerer.AnswerAsync("What tariff did the US impose on Chinese imports?", []);
        Assert.Contains("145%", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnnxProvider_IngestsAndAnswersWithTheLocalModel()
    {
        var model = Path.Combine(Path.GetTempPath(), "tradebot-onnx-" + Guid.NewGuid().ToString("N"));
        TinyBertModel.Write(model);
        await using var corpus = await TestCorpus.CreateAsync(new Dictionary<string, string?> { ["Embeddings:Provider"] = "onnx", ["Embeddings:ModelPath"] = model });

        var embedder = corpus.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var answer = await corpus.Answerer.AnswerAsync("What tariff did the US impose on Chinese imports?", []);

        Assert.NotNull(embedder.GetService<OnnxEmbeddingGenerator>());
        Assert.Contains("145%", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OnnxWithoutModelFiles_NamesTheSetting()
    {
        var result = new EmbeddingOptionsValidator().Validate(null, new EmbeddingOptions { Provider = "onnx", ModelPath = Path.GetTempPath() });

        Assert.Contains("Embeddings:ModelPath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("model.onnx", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnnxModelDownloader_FromALoopbackServer_WritesBothFiles()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        stub.Files["model.onnx"] = [1, 2, 3, 4];
        stub.Files["vocab.txt"] = "[PAD]\n[UNK]\n"u8.ToArray();
        var folder = Path.Combine(Path.GetTempPath(), "tradebot-download-" + Guid.NewGuid().ToString("N"));
        using var http = new HttpClient();
        var baseUri = new Uri(stub.Endpoint, "/files/");

        await new OnnxModelDownloader(http).DownloadAsync(new Uri(baseUri, "model.onnx"), new Uri(baseUri, "vocab.txt"), folder);

        Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(Path.Combine(folder, "model.onnx")));
        Assert.Equal("[PAD]\n[UNK]\n", await File.ReadAllTextAsync(Path.Combine(folder, "vocab.txt")));
        Assert.Equal(2, Directory.GetFiles(folder).Length); // no partial files left
        await Assert.ThrowsAsync<HttpRequestException>(() => new OnnxModelDownloader(http).DownloadAsync(new Uri(baseUri, "missing.onnx"), new Uri(baseUri, "vocab.txt"), folder));
    }
}
